// The processing register and the cookie register, for the pages that publish them: a subpath of their own, so
// that their French text stays out of the web's first page (the retention periods are in the main index).
export * from './retention';
export * from './processing-register';
export * from './cookies';
