// The source of a module that exports plain data, for `build-time-data-plugin.mts`.

/** `export const name = …;` for each export, refusing anything JSON would not carry as it is. */
export function dataModule(exports: Record<string, unknown>): string {
  return Object.entries(exports)
    .map(([name, value]) => {
      const json = JSON.stringify(value);
      if (json === undefined || JSON.stringify(JSON.parse(json)) !== json || typeof value === 'function')
        throw new Error(`build-time data: the export ${name} is not plain data`);
      assertPlain(name, value);
      return `export const ${name} = ${json};`;
    })
    .join('\n');
}

function assertPlain(path: string, value: unknown): void {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return;
  if (Array.isArray(value)) return value.forEach((item, index) => assertPlain(`${path}[${index}]`, item));
  const prototype = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (prototype !== Object.prototype && prototype !== null)
    throw new Error(`build-time data: ${path} is not plain data`);
  for (const [key, item] of Object.entries(value as object)) assertPlain(`${path}.${key}`, item);
}
