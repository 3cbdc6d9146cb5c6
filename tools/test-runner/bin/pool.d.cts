/** See pool.cjs. */
export function pool(tasks: ReadonlyArray<() => Promise<number>>, lanes?: number): Promise<number>;
