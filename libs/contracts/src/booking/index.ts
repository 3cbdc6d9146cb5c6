export * from './common';
export * from './establishments';
export * from './spaces';
