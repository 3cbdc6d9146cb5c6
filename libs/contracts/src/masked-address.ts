/**
 * An address as someone other than its owner may see it: enough to recognise one's own (first letter, domain),
 * not enough to collect the others' (`a•••@exemple.fr`, `+33•••••••78`).
 */
export function maskAddress(address: string): string {
  // An SMS's number: the country and the last two digits (`+33•••••••78`).
  if (/^\+\d+$/.test(address)) return `${address.slice(0, 3)}•••••••${address.slice(-2)}`;
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${address.slice(0, 1)}•••${address.slice(at)}`;
}
