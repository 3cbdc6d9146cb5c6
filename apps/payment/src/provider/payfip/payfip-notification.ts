const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The idOp a notification names, from the query or the form body, spelt `idop` or `idOp` (the service's
 * exact spelling is not documented); null when absent, repeated or not shaped as an idOp. The notification
 * carries nothing else and no signature: it only says which operation to read back.
 */
export function notifiedIdOp(...sources: unknown[]): string | null {
  const found = new Set<string>();
  for (const source of sources) {
    if (!source || typeof source !== 'object') continue;
    for (const [name, value] of Object.entries(source)) {
      if (name.toLowerCase() !== 'idop') continue;
      if (typeof value !== 'string') return null;
      found.add(value.trim().toLowerCase());
    }
  }
  if (found.size !== 1) return null;
  const [idOp] = [...found] as [string];
  return UUID.test(idOp) ? idOp : null;
}
