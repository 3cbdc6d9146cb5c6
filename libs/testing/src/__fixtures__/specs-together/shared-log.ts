// What the fixture specs did, in order; evaluated once when they share a module registry.
export const log: string[] = ['shared-log evaluated'];
