import type { EntityManager } from 'typeorm';
import { type NotificationChannel } from '@salle/contracts';
import {
  isMandatoryKind,
  isSmsKind,
  NOTIFICATION_KINDS,
  type MyPreferences,
  type NotificationKind,
} from '@salle/contracts/notification';

/** A choice of one person for one kind of message and one channel. */
export interface Choice {
  kind: NotificationKind;
  channel: NotificationChannel;
  enabled: boolean;
}

/** The e-mail of a kind a booking cannot work without stays on; everything else is the person's choice. */
export function refusedChoices(choices: readonly Choice[]): Choice[] {
  return choices.filter((choice) => choice.channel === 'email' && !choice.enabled && isMandatoryKind(choice.kind));
}

/** The person's contacts and, for each kind, whether they receive it by e-mail and by SMS. */
export async function readPreferences(manager: EntityManager, accountId: string): Promise<MyPreferences> {
  const [contact] = (await manager.query(
    `SELECT c.email, p.phone, p.sms_consent_at IS NOT NULL AS "smsConsent"
       FROM (SELECT $1::uuid AS account_id) me
       LEFT JOIN notification.account_contact c ON c.account_id = me.account_id
       LEFT JOIN notification.account_phone p ON p.account_id = me.account_id`,
    [accountId],
  )) as { email: string | null; phone: string | null; smsConsent: boolean }[];
  const rows = (await manager.query(
    `SELECT kind, channel, enabled FROM notification.preference WHERE account_id = $1`,
    [accountId],
  )) as Choice[];
  const chosen = (kind: NotificationKind, channel: NotificationChannel) =>
    rows.find((row) => row.kind === kind && row.channel === channel)?.enabled ?? true;
  const contacts = {
    email: contact?.email ?? null,
    phone: contact?.phone ?? null,
    smsConsent: contact?.smsConsent ?? false,
  };
  return {
    contacts,
    items: NOTIFICATION_KINDS.map((kind) => ({
      kind,
      mandatory: isMandatoryKind(kind),
      email: isMandatoryKind(kind) || chosen(kind, 'email'),
      sms: isSmsKind(kind) ? contacts.smsConsent && chosen(kind, 'sms') : null,
    })),
  };
}

/** Records choices (the caller refused the mandatory ones first). */
export async function recordChoices(
  manager: EntityManager,
  accountId: string,
  choices: readonly Choice[],
): Promise<void> {
  for (const choice of choices)
    await manager.query(
      `INSERT INTO notification.preference (account_id, kind, channel, enabled) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, kind, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
      [accountId, choice.kind, choice.channel, choice.enabled],
    );
}

/**
 * Who among `accountIds` turned `kind` off, by channel: the planner leaves
 * them out (the e-mail of a mandatory kind is sent whatever a row says).
 */
export async function turnedOff(
  manager: EntityManager,
  accountIds: readonly string[],
  kind: NotificationKind,
): Promise<Set<string>> {
  if (!accountIds.length) return new Set();
  const rows = (await manager.query(
    `SELECT account_id AS "accountId", channel FROM notification.preference
      WHERE account_id = ANY($1::uuid[]) AND kind = $2 AND NOT enabled`,
    [accountIds, kind],
  )) as { accountId: string; channel: NotificationChannel }[];
  return new Set(
    rows
      .filter((row) => !(row.channel === 'email' && isMandatoryKind(kind)))
      .map((row) => optOutKey(row.accountId, row.channel)),
  );
}

export const optOutKey = (accountId: string, channel: NotificationChannel) => `${accountId}:${channel}`;

/**
 * An address listed for an organisation or a collège as such (no account) stops receiving the e-mails of
 * an optional kind, through its own unsubscription link: kept by address, wherever it is listed.
 */
export async function recordContactOptOut(
  manager: EntityManager,
  email: string,
  kind: NotificationKind,
): Promise<void> {
  await manager.query(
    `INSERT INTO notification.contact_opt_out (email, kind) VALUES (lower($1), $2) ON CONFLICT DO NOTHING`,
    [email, kind],
  );
}
