import type { EntityManager } from 'typeorm';
import type { Audience } from '../messages/message-plan';

export interface Recipient {
  email: string;
  displayName: string | null;
}

/**
 * Who is told for the département (its admins' addresses, `partyId` unused),
 * an organisation (the addresses listed for it, and every
 * member whose account's e-mail is known) or a collège (its contact address,
 * the addresses listed for it, and every manager whose account's e-mail is known). Read in the consumer's transaction, so that the messages planned
 * for an event go to the people known when it was handled.
 */
export async function recipientsOf(manager: EntityManager, audience: Audience, partyId: string): Promise<Recipient[]> {
  if (audience === 'department')
    return (await manager.query(
      `SELECT email, NULL AS "displayName" FROM notification.admin_address ORDER BY email`,
    )) as Recipient[];
  const members =
    audience === 'organisation'
      ? `UNION SELECT c.email, c.display_name FROM notification.organisation_member m
           JOIN notification.account_contact c ON c.account_id = m.account_id WHERE m.organisation_id = $2`
      : `UNION SELECT c.email, c.display_name FROM notification.establishment_manager m
           JOIN notification.account_contact c ON c.account_id = m.account_id WHERE m.establishment_id = $2`;
  const rows = (await manager.query(
    `SELECT email, display_name AS "displayName" FROM (
       SELECT email, display_name FROM notification.recipient WHERE party_kind = $1 AND party_id = $2
       ${members}) known
     ORDER BY email`,
    [audience, partyId],
  )) as Recipient[];
  // One message per address, even when it is listed and a member's too.
  return rows.filter((row, index) => rows.findIndex((other) => other.email === row.email) === index);
}

/**
 * Keeps the organisations' members as the booking service announces them:
 * a member who joined is told from then on, one who left no longer.
 */
export async function recordMembership(
  manager: EntityManager,
  change: { organisationId: string; accountId: string; change: 'joined' | 'left' | 'role_changed' },
): Promise<void> {
  if (change.change === 'left') {
    await manager.query(`DELETE FROM notification.organisation_member WHERE organisation_id = $1 AND account_id = $2`, [
      change.organisationId,
      change.accountId,
    ]);
    return;
  }
  // Every member is told, whatever their role: a role change only makes sure the membership is known.
  await manager.query(
    `INSERT INTO notification.organisation_member (organisation_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [change.organisationId, change.accountId],
  );
}

/** The e-mail the gateway announced for an account (from FranceConnect or ProConnect); the latest wins. */
export async function recordAccountContact(
  manager: EntityManager,
  contact: { accountId: string; email: string; displayName: string },
): Promise<void> {
  await manager.query(
    `INSERT INTO notification.account_contact (account_id, email, display_name) VALUES ($1, lower($2), $3)
     ON CONFLICT (account_id) DO UPDATE SET email = EXCLUDED.email, display_name = EXCLUDED.display_name, updated_at = now()`,
    [contact.accountId, contact.email, contact.displayName],
  );
}

/**
 * Replaces what was known of a collège's people with what the booking
 * service announced: its contact address (a `contact` recipient) and its
 * managers' accounts. Addresses listed by hand stay.
 */
export async function recordEstablishmentContacts(
  manager: EntityManager,
  contacts: { establishmentId: string; contactEmail: string | null; managerAccountIds: string[] },
): Promise<void> {
  await manager.query(
    `DELETE FROM notification.recipient WHERE party_kind = 'establishment' AND party_id = $1 AND source = 'contact'`,
    [contacts.establishmentId],
  );
  if (contacts.contactEmail)
    await manager.query(
      `INSERT INTO notification.recipient (party_kind, party_id, email, source) VALUES ('establishment', $1, lower($2), 'contact')
       ON CONFLICT (party_kind, party_id, email) DO NOTHING`,
      [contacts.establishmentId, contacts.contactEmail],
    );
  await manager.query(
    `DELETE FROM notification.establishment_manager WHERE establishment_id = $1 AND NOT (account_id = ANY($2::uuid[]))`,
    [contacts.establishmentId, contacts.managerAccountIds],
  );
  await manager.query(
    `INSERT INTO notification.establishment_manager (establishment_id, account_id)
     SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
    [contacts.establishmentId, contacts.managerAccountIds],
  );
}

/** The département's admins' addresses, as the gateway announced them last: the whole list replaces the previous one. */
export async function recordDepartmentAdmins(manager: EntityManager, admins: { emails: string[] }): Promise<void> {
  const emails = admins.emails.map((email) => email.toLowerCase());
  await manager.query(`DELETE FROM notification.admin_address WHERE NOT (email = ANY($1::text[]))`, [emails]);
  await manager.query(
    `INSERT INTO notification.admin_address (email) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`,
    [emails],
  );
}
