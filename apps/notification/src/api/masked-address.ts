/**
 * An address as the parties of a booking see it in the list of messages:
 * enough to recognise one's own (first letter, domain), not enough to
 * collect the others' (`a•••@exemple.fr`).
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${address.slice(0, 1)}•••${address.slice(at)}`;
}
