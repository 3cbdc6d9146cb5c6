import type { EntityManager } from 'typeorm';
import { isMandatoryKind, type NotificationKind } from '@salle/contracts/notification';
import { isMobilePhoneNumber } from '@salle/contracts/phone';
import type { BookingFacts } from '../bookings/booking-facts';
import { digestReaders } from '../digests/digest-choice';
import { logMessages, type NewLogEntry } from '../delivery/send-log';
import { smsDueAt, urgencyOf } from '../delivery/sms/quiet-hours';
import type { PlannedMessage } from '../messages/message-plan';
import { smsText } from '../messages/sms-texts';
import { optOutKey, turnedOff } from '../preferences/preferences';
import type { UnsubscribeTokens } from '../preferences/unsubscribe-token';
import type { Recipient } from '../recipients/recipient-directory';

/** What logging a message's copies needs besides the message. */
export interface CopySettings {
  brand: { webUrl: string };
  /** Whether SMS are sent at all (a deployment without an SMS account sends e-mail only). */
  sms: boolean;
  /** The clock the quiet hours are read on (tests set the hour). */
  now?: () => Date;
  /** Signs the one-click unsubscription links of optional e-mails; `${webUrl}/desabonnement/<token>` reaches this service through the gateway. */
  unsubscribe: UnsubscribeTokens;
}

/** One message, written for each channel, to log for its recipients. */
export interface MessageCopies {
  entry: Pick<NewLogEntry, 'eventId' | 'eventType' | 'occurredAt' | 'bookingId' | 'seriesBookingIds'>;
  kind: NotificationKind;
  email: NewLogEntry['content'];
  /** Null when the message calls for no SMS (or SMS are off). */
  sms: Pick<NewLogEntry, 'content' | 'dueAt'> | null;
}

/** The kind the daily digest stands in for, for the managers who chose it. */
const DIGESTED_KIND: NotificationKind = 'new_request';

/** A person who gave a mobile number and agreed to SMS. */
function wantsSms(recipient: Recipient): recipient is Recipient & { smsPhone: string } {
  return recipient.smsPhone !== null && isMobilePhoneNumber(recipient.smsPhone);
}

/**
 * The SMS of a planned message, if it calls for one, and when it may go:
 * held through the quiet hours, save the collège's cancellation of a session
 * that is today (or before the morning).
 */
export function smsOf(
  planned: PlannedMessage,
  facts: BookingFacts,
  now: Date,
): Pick<NewLogEntry, 'content' | 'dueAt'> | null {
  const text = smsText(planned, facts);
  if (text === null) return null;
  const due = smsDueAt(now, urgencyOf(planned.template, facts.startsAt));
  // Not held: due at the database's now, like every other message.
  return { content: { subject: null, text, html: null }, dueAt: due.getTime() === now.getTime() ? undefined : due };
}

/**
 * The link an optional e-mail carries in `List-Unsubscribe`: to a member, it turns the kind off on their account;
 * to an address listed as such, for that address. None on a mandatory one.
 */
async function unsubscribeUrl(
  recipient: Recipient & { email: string },
  kind: NotificationKind,
  settings: CopySettings,
): Promise<string | undefined> {
  if (isMandatoryKind(kind)) return undefined;
  const token = await settings.unsubscribe.sign(
    recipient.accountId ? { accountId: recipient.accountId, kind } : { email: recipient.email, kind },
  );
  return `${settings.brand.webUrl}/desabonnement/${token}`;
}

/**
 * Which members turned this kind off (by channel: the e-mail of a mandatory kind stays on whatever they chose),
 * and, for a new request, which chose the daily digest instead. From the choices read with the recipients when
 * they were (`recipientsOfParties`), from the database for the others.
 */
async function choicesOf(
  manager: EntityManager,
  recipients: Recipient[],
  kind: NotificationKind,
): Promise<{ off: Set<string>; digest: Set<string> }> {
  const toRead = recipients.flatMap((recipient) =>
    recipient.accountId && !recipient.choices ? [recipient.accountId] : [],
  );
  const off = await turnedOff(manager, toRead, kind);
  // A manager who chose the daily digest reads the new requests there, not one e-mail each.
  const digest = kind === DIGESTED_KIND ? await digestReaders(manager, toRead) : new Set<string>();
  for (const { accountId, choices } of recipients) {
    if (!accountId || !choices) continue;
    for (const channel of ['email', 'sms'] as const)
      if (choices.turnedOff.includes(`${kind}:${channel}`) && !(channel === 'email' && isMandatoryKind(kind)))
        off.add(optOutKey(accountId, channel));
    if (kind === DIGESTED_KIND && choices.digest) digest.add(accountId);
  }
  return { off, digest };
}

/**
 * The send log's entries of a message for each recipient, by e-mail and, when it calls for one and they agreed,
 * by SMS, leaving out the channels a member turned off and the optional kinds a listed address unsubscribed from.
 */
export async function copiesOf(
  manager: EntityManager,
  copies: MessageCopies,
  recipients: Recipient[],
  settings: CopySettings,
): Promise<NewLogEntry[]> {
  const { entry, kind, email, sms } = copies;
  const { off, digest } = await choicesOf(manager, recipients, kind);
  const wants = (recipient: Recipient, channel: 'email' | 'sms') =>
    !recipient.accountId
      ? !(channel === 'email' && !isMandatoryKind(kind) && recipient.optedOut?.includes(kind))
      : !off.has(optOutKey(recipient.accountId, channel)) && !(channel === 'email' && digest.has(recipient.accountId));
  const entries: NewLogEntry[] = [];
  for (const recipient of recipients) {
    if (recipient.email && wants(recipient, 'email'))
      entries.push({
        ...entry,
        channel: 'email',
        recipient: recipient.email,
        template: kind,
        content: email,
        unsubscribeUrl: await unsubscribeUrl({ ...recipient, email: recipient.email }, kind, settings),
      });
    if (sms && wantsSms(recipient) && wants(recipient, 'sms'))
      entries.push({ ...entry, channel: 'sms', recipient: recipient.smsPhone, template: kind, ...sms });
  }
  return entries;
}

/** Logs a message for each recipient (see `copiesOf`), in one statement. */
export async function logCopies(
  manager: EntityManager,
  copies: MessageCopies,
  recipients: Recipient[],
  settings: CopySettings,
): Promise<void> {
  await logMessages(manager, await copiesOf(manager, copies, recipients, settings));
}
