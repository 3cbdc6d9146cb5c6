/**
 * The creditors the sandbox knows (numcli → label, as recupererDetailClient answers). With no list,
 * every well-formed numcli is a test régie, so that any establishment's configuration works locally.
 */
export class Clients {
  constructor(private readonly table: ReadonlyMap<string, string>) {}

  knows(numcli: string): boolean {
    return this.table.size === 0 || this.table.has(numcli);
  }

  label(numcli: string): string | null {
    if (!/^\d{6}$/.test(numcli) || !this.knows(numcli)) return null;
    return this.table.get(numcli) ?? `REGIE DE TEST ${numcli}`;
  }
}

/** `123456=College Jean Moulin,654321=Departement` → a table; throws on a malformed entry. */
export function parseClients(value: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const entry of value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const match = /^(\d{6})=(.+)$/.exec(entry);
    if (!match) throw new Error(`not numcli=label: ${entry}`);
    table.set(match[1] as string, (match[2] as string).trim());
  }
  return table;
}
