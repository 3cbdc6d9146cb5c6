import type { MemberView } from '@salle/contracts';

/**
 * The account of an organisation's only owner, or null when it has several. The service refuses to take
 * the last owner's role away or to remove them (`last_owner`), so the page offers neither.
 */
export function soleOwnerId(members: readonly MemberView[]): string | null {
  const owners = members.filter((member) => member.role === 'owner');
  return owners.length === 1 ? (owners[0]?.accountId ?? null) : null;
}

/** A member as people read them: their name, never an account id. */
export function memberName(member: MemberView): string {
  return member.displayName ?? 'Personne au nom non communiqué';
}
