import type { EntityManager } from 'typeorm';
import { returnedRows } from '@salle/db';
import type { Audience } from '../messages/message-plan';

export interface Recipient {
  /** A member's account (their choices apply, and their e-mails can carry an unsubscription link); null for a contact listed as such. */
  accountId: string | null;
  /** Null for a member whose e-mail no login announced yet (they may still be told by SMS). */
  email: string | null;
  displayName: string | null;
  /** An E.164 number that agreed to receive SMS; null when none was given or no consent. */
  smsPhone: string | null;
  /** For an address listed as such: the optional kinds it unsubscribed from with its own link. */
  optedOut?: readonly string[];
  /** A member's choices, when read with them (`recipientsOfParties`); read by the copies otherwise. */
  choices?: MemberChoices;
}

/** What a member chose about the messages they receive. */
export interface MemberChoices {
  /** The `kind:channel` pairs turned off. */
  turnedOff: readonly string[];
  /** Whether they read the new requests in the daily digest instead of one e-mail each. */
  digest: boolean;
}

/** The person behind an account, at the contact the gateway announced for it (none known: no recipient). */
export async function accountRecipients(manager: EntityManager, accountId: string): Promise<Recipient[]> {
  return (await manager.query(
    `SELECT account_id AS "accountId", email, display_name AS "displayName", NULL AS "smsPhone"
       FROM notification.account_contact WHERE account_id = $1`,
    [accountId],
  )) as Recipient[];
}

/** An address told as such, known to no directory (an agent invited to manage a collège, before any login). */
export function addressRecipient(email: string): Recipient {
  return { accountId: null, email: email.toLowerCase(), displayName: null, smsPhone: null };
}

/**
 * Who is told for the département (its admins' addresses, `partyId` unused),
 * an organisation (the contacts listed for it, and every member whose e-mail
 * or phone is known) or a collège (its contact address, the contacts listed
 * for it, and every manager whose e-mail or phone is known). Read in the
 * consumer's transaction, so that the messages planned
 * for an event go to the people known when it was handled.
 */
export async function recipientsOf(manager: EntityManager, audience: Audience, partyId: string): Promise<Recipient[]> {
  const parties = audience === 'department' ? { department: true } : { [audience]: partyId };
  return (await recipientsOfParties(manager, parties))[audience];
}

/** The parties of one event: a booking's organisation and collège, or the département. */
export interface Parties {
  organisation?: string;
  establishment?: string;
  department?: boolean;
}

const SMS_PHONE = `CASE WHEN p.sms_consent_at IS NOT NULL THEN p.phone END`;

/** What a member chose, read with them: the `kind:channel` pairs they turned off, and whether they chose the digest. */
const MEMBER_CHOICES = `ARRAY(SELECT pr.kind || ':' || pr.channel FROM notification.preference pr
                              WHERE pr.account_id = m.account_id AND NOT pr.enabled ORDER BY 1),
              EXISTS (SELECT 1 FROM notification.digest_choice d WHERE d.account_id = m.account_id)`;

/**
 * The recipients of the parties named by three SQL expressions (an organisation's id, a collège's id, whether the
 * département is told), as rows of `RecipientRow`'s columns, sorted: see `recipientsOfParties`. A building block,
 * so that a statement can read them with what it computes (the booking's facts, `bookings/booking-event-reads.ts`).
 */
export function recipientRowsSql(organisation: string, establishment: string, department: string): string {
  return `SELECT audience, account_id AS "accountId", email, display_name AS "displayName", sms_phone AS "smsPhone",
            opted_out AS "optedOut", turned_off AS "turnedOff", digest FROM (
       SELECT 'department' AS audience, NULL::uuid AS account_id, email, NULL AS display_name, NULL AS sms_phone,
              '{}'::text[] AS opted_out, NULL::text[] AS turned_off, NULL::boolean AS digest
         FROM notification.admin_address WHERE ${department}
       UNION
       SELECT r.party_kind, NULL::uuid, r.email, r.display_name,
              CASE WHEN r.sms_consent_at IS NOT NULL THEN r.phone END,
              ARRAY(SELECT o.kind FROM notification.contact_opt_out o WHERE o.email = r.email ORDER BY o.kind),
              NULL, NULL
         FROM notification.recipient r
        WHERE (r.party_kind = 'organisation' AND r.party_id = ${organisation})
           OR (r.party_kind = 'establishment' AND r.party_id = ${establishment})
       UNION
       SELECT 'organisation', m.account_id, c.email, c.display_name, ${SMS_PHONE}, '{}'::text[], ${MEMBER_CHOICES}
         FROM notification.organisation_member m
         LEFT JOIN notification.account_contact c ON c.account_id = m.account_id
         LEFT JOIN notification.account_phone p ON p.account_id = m.account_id
        WHERE m.organisation_id = ${organisation} AND (c.email IS NOT NULL OR p.phone IS NOT NULL)
       UNION
       SELECT 'establishment', m.account_id, c.email, c.display_name, ${SMS_PHONE}, '{}'::text[], ${MEMBER_CHOICES}
         FROM notification.establishment_manager m
         LEFT JOIN notification.account_contact c ON c.account_id = m.account_id
         LEFT JOIN notification.account_phone p ON p.account_id = m.account_id
        WHERE m.establishment_id = ${establishment} AND (c.email IS NOT NULL OR p.phone IS NOT NULL)) known
     ORDER BY audience, email, account_id NULLS LAST, sms_phone`;
}

/** A row of `recipientRowsSql`. */
export interface RecipientRow {
  audience: Audience;
  accountId: string | null;
  email: string | null;
  displayName: string | null;
  smsPhone: string | null;
  optedOut: string[];
  /** A member's: the `kind:channel` pairs turned off; null for a listed address. */
  turnedOff: string[] | null;
  /** A member's: whether they chose the daily digest; null for a listed address. */
  digest: boolean | null;
}

/** The rows of `recipientRowsSql` by audience, one message per address and one SMS per number. */
export function recipientsByAudience(rows: readonly RecipientRow[]): Record<Audience, Recipient[]> {
  const found: Record<Audience, Recipient[]> = { organisation: [], establishment: [], department: [] };
  for (const audience of Object.keys(found) as Audience[])
    found[audience] = oncePerAddress(rows.filter((row) => row.audience === audience).map(recipientOf));
  return found;
}

function recipientOf({ audience: _, turnedOff, digest, ...row }: RecipientRow): Recipient {
  return turnedOff === null || !row.accountId ? row : { ...row, choices: { turnedOff, digest: digest === true } };
}

/**
 * Who is told for each party of an event, in one statement (one round trip per event, not one per message):
 * the département's admins' addresses, an organisation's listed addresses (its contact among them) and every
 * member whose e-mail or phone is known, a collège's listed addresses (its contact address among them) and every
 * manager whose e-mail or phone is known. A listed address comes with the optional kinds it unsubscribed from,
 * a member with their choices (the kinds and channels turned off, the digest), which the copies then need not read.
 */
export async function recipientsOfParties(
  manager: EntityManager,
  parties: Parties,
): Promise<Record<Audience, Recipient[]>> {
  const rows = (await manager.query(recipientRowsSql('$1', '$2', '$3::boolean'), [
    parties.organisation ?? null,
    parties.establishment ?? null,
    parties.department ?? false,
  ])) as RecipientRow[];
  return recipientsByAudience(rows);
}

/**
 * One message per address and one SMS per number, even when a contact is listed and a member's too (then as
 * the member, whose choices apply: the rows come sorted with the member first).
 */
function oncePerAddress(rows: Recipient[]): Recipient[] {
  const emails = new Set<string>();
  const phones = new Set<string>();
  return rows
    .map((row) => {
      const email = row.email && !emails.has(row.email) ? row.email : null;
      const smsPhone = row.smsPhone && !phones.has(row.smsPhone) ? row.smsPhone : null;
      if (email) emails.add(email);
      if (smsPhone) phones.add(smsPhone);
      return { ...row, email, smsPhone };
    })
    .filter((row) => row.email || row.smsPhone);
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
 * The phone number a person gave, and whether they agreed to SMS: the
 * consent is dated (proof of it), and kept when the number is given again.
 * A null number forgets both.
 */
export async function recordAccountPhone(
  manager: EntityManager,
  accountId: string,
  phone: { number: string; smsConsent: boolean } | null,
): Promise<void> {
  if (!phone) {
    await manager.query(`DELETE FROM notification.account_phone WHERE account_id = $1`, [accountId]);
    return;
  }
  await manager.query(
    `INSERT INTO notification.account_phone (account_id, phone, sms_consent_at) VALUES ($1, $2, CASE WHEN $3 THEN now() END)
     ON CONFLICT (account_id) DO UPDATE SET phone = EXCLUDED.phone, updated_at = now(),
       sms_consent_at = CASE WHEN NOT $3 THEN NULL
                             WHEN notification.account_phone.phone = EXCLUDED.phone THEN COALESCE(notification.account_phone.sms_consent_at, now())
                             ELSE now() END`,
    [accountId, phone.number, phone.smsConsent],
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
  // The same address announced again keeps its row, and so the phone number and consent its managers entered.
  await manager.query(
    `DELETE FROM notification.recipient WHERE party_kind = 'establishment' AND party_id = $1 AND source = 'contact'
        AND email IS DISTINCT FROM lower($2)`,
    [contacts.establishmentId, contacts.contactEmail],
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

/**
 * Replaces the organisation's own contact with what the booking service announced: its address (a `contact`
 * recipient of the organisation, told its messages beside the members; one message per address all the same),
 * its phone and whether that phone agreed to SMS, which the owners attested in the booking service. A contact
 * with no address is not kept: the send log names an address or a number per row, and a number alone would
 * have no way to unsubscribe from the optional e-mails.
 */
export async function recordOrganisationContact(
  manager: EntityManager,
  contact: { organisationId: string; contactEmail: string | null; contactPhone: string | null; smsConsent: boolean },
): Promise<void> {
  await manager.query(
    `DELETE FROM notification.recipient WHERE party_kind = 'organisation' AND party_id = $1 AND source = 'contact'
        AND email IS DISTINCT FROM lower($2)`,
    [contact.organisationId, contact.contactEmail],
  );
  if (!contact.contactEmail) return;
  await manager.query(
    `INSERT INTO notification.recipient (party_kind, party_id, email, source, phone, sms_consent_at)
     VALUES ('organisation', $1, lower($2), 'contact', $3, CASE WHEN $4 AND $3::text IS NOT NULL THEN now() END)
     ON CONFLICT (party_kind, party_id, email) DO UPDATE SET phone = EXCLUDED.phone,
       sms_consent_at = CASE WHEN EXCLUDED.sms_consent_at IS NULL THEN NULL
                             WHEN notification.recipient.phone = EXCLUDED.phone
                               THEN COALESCE(notification.recipient.sms_consent_at, EXCLUDED.sms_consent_at)
                             ELSE EXCLUDED.sms_consent_at END`,
    [contact.organisationId, contact.contactEmail, contact.contactPhone, contact.smsConsent],
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

/** The collège's contact address as messages reach it, or null when it has none. */
export async function readEstablishmentContact(
  manager: EntityManager,
  establishmentId: string,
): Promise<{ email: string; phone: string | null; smsConsent: boolean } | null> {
  const [row] = (await manager.query(
    `SELECT email, phone, sms_consent_at IS NOT NULL AS "smsConsent" FROM notification.recipient
      WHERE party_kind = 'establishment' AND party_id = $1 AND source = 'contact'`,
    [establishmentId],
  )) as { email: string; phone: string | null; smsConsent: boolean }[];
  return row ?? null;
}

/**
 * The phone number of the collège's contact address (E.164; null removes it)
 * and its consent to SMS, attested by `byAccount`; returns false when the
 * collège has no contact address. Consent given again for the same number
 * keeps its first date; a new number needs it anew.
 */
export async function recordEstablishmentContactPhone(
  manager: EntityManager,
  establishmentId: string,
  phone: { number: string; smsConsent: boolean } | null,
  byAccount: string,
): Promise<boolean> {
  const updated = await returnedRows<{ email: string }>(
    manager,
    `UPDATE notification.recipient r
        SET phone = $2,
            sms_consent_at = CASE WHEN NOT $3 THEN NULL
                                  WHEN r.phone = $2 THEN COALESCE(r.sms_consent_at, now()) ELSE now() END,
            sms_consent_by = CASE WHEN NOT $3 THEN NULL
                                  WHEN r.phone = $2 AND r.sms_consent_at IS NOT NULL THEN r.sms_consent_by ELSE $4::uuid END
      WHERE party_kind = 'establishment' AND party_id = $1 AND source = 'contact'
      RETURNING email`,
    [establishmentId, phone?.number ?? null, phone?.smsConsent ?? false, byAccount],
  );
  return updated.length > 0;
}
