import type { EntityManager } from 'typeorm';
import type { EventType } from '@salle/contracts';
import { isMandatoryKind } from '@salle/contracts/notification';
import { isMobilePhoneNumber } from '@salle/contracts/phone';
import type { ConsumedEvent, EventHandlers } from '@salle/events';
import type { Logger } from '@salle/runtime';
import { recordBookingFacts, type BookingFacts, type FactUpdate } from '../bookings/booking-facts';
import { logMessage, type NewLogEntry } from '../delivery/send-log';
import { smsDueAt } from '../delivery/sms/quiet-hours';
import { renderContent, type Branding } from '../messages/message-layout';
import { messagePlans, type PlannedMessage } from '../messages/message-plan';
import { messageContent, type Links } from '../messages/message-templates';
import { smsText } from '../messages/sms-texts';
import { optOutKey, turnedOff } from '../preferences/preferences';
import type { UnsubscribeTokens } from '../preferences/unsubscribe-token';
import {
  recipientsOf,
  recordAccountContact,
  recordMembership,
  type Recipient,
} from '../recipients/recipient-directory';

export interface PlannerSettings {
  brand: Branding;
  /** Whether SMS are sent at all (a deployment without an SMS account sends e-mail only). */
  sms: boolean;
  /** The clock the quiet hours are read on (tests set the hour). */
  now?: () => Date;
  /** Signs the one-click unsubscription links of optional e-mails; `${webUrl}/desabonnement/<token>` reaches this service through the gateway. */
  unsubscribe: UnsubscribeTokens;
}

/** The types this service reads, and the facts each one carries about its booking. */
const factsOf: { [T in EventType]?: (payload: ConsumedEvent<T>['payload']) => FactUpdate } = {
  'booking.requested': (p) => ({ ...p }),
  'booking.approved': (p) => ({ ...p }),
  'booking.confirmed': (p) => ({ ...p }),
  'booking.refused': (p) => ({ ...p }),
  'booking.expired': (p) => ({ ...p }),
  'booking.cancelled': (p) => ({
    bookingId: p.bookingId,
    establishmentId: p.establishmentId,
    organisationId: p.organisationId,
  }),
  'payment.succeeded': (p) => ({ bookingId: p.bookingId, establishmentId: p.establishmentId }),
  'payment.refunded': (p) => ({ bookingId: p.bookingId, establishmentId: p.establishmentId }),
};

function linksFor(facts: BookingFacts, webUrl: string): Links {
  return {
    booking: `${webUrl}/reservations/${facts.bookingId}`,
    requests: `${webUrl}/gestion/${facts.establishmentId}/demandes`,
  };
}

/** The written message, or the reason it could not be written (a bug or missing facts: recorded, never sent half-written). */
function write(
  planned: PlannedMessage,
  facts: BookingFacts,
  settings: PlannerSettings,
): { subject: string; text: string; html: string } | { renderError: string } {
  try {
    return renderContent(messageContent(planned, facts, linksFor(facts, settings.brand.webUrl)), settings.brand);
  } catch (error) {
    // TemplateError (facts missing) or a bug in a template: either way the reason is kept with the message.
    return { renderError: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** A person who gave a mobile number and agreed to SMS. */
function wantsSms(recipient: Recipient): recipient is Recipient & { smsPhone: string } {
  return recipient.smsPhone !== null && isMobilePhoneNumber(recipient.smsPhone);
}

/**
 * The SMS of a planned message, if it calls for one, and when it may go:
 * held through the quiet hours, save the collège's cancellation of a session
 * that is today (or before the morning).
 */
function smsOf(planned: PlannedMessage, facts: BookingFacts, now: Date): Pick<NewLogEntry, 'content' | 'dueAt'> | null {
  const text = smsText(planned, facts);
  if (text === null) return null;
  const urgent = planned.template === 'cancelled_by_establishment' ? facts : null;
  const due = smsDueAt(now, urgent);
  // Not held: due at the database's now, like every other message.
  return { content: { subject: null, text, html: null }, dueAt: due.getTime() === now.getTime() ? undefined : due };
}

/** The link an optional e-mail to a member carries in `List-Unsubscribe`; none on a mandatory one, or to a listed contact. */
async function unsubscribeUrl(
  recipient: Recipient,
  planned: PlannedMessage,
  settings: PlannerSettings,
): Promise<string | undefined> {
  if (!recipient.accountId || isMandatoryKind(planned.template)) return undefined;
  const token = await settings.unsubscribe.sign({ accountId: recipient.accountId, kind: planned.template });
  return `${settings.brand.webUrl}/desabonnement/${token}`;
}

/**
 * Logs one planned message for each recipient, by e-mail and, when it calls
 * for one and they agreed, by SMS, leaving out the channels a member turned off.
 */
async function logPlanned(
  manager: EntityManager,
  entry: Pick<NewLogEntry, 'eventId' | 'eventType' | 'occurredAt' | 'bookingId'>,
  planned: PlannedMessage,
  facts: BookingFacts,
  recipients: Recipient[],
  settings: PlannerSettings,
): Promise<void> {
  const email = write(planned, facts, settings);
  const sms = settings.sms ? smsOf(planned, facts, settings.now?.() ?? new Date()) : null;
  const accounts = recipients.flatMap((recipient) => (recipient.accountId ? [recipient.accountId] : []));
  const off = await turnedOff(manager, accounts, planned.template);
  const wants = (recipient: Recipient, channel: 'email' | 'sms') =>
    !recipient.accountId || !off.has(optOutKey(recipient.accountId, channel));
  for (const recipient of recipients) {
    if (recipient.email && wants(recipient, 'email'))
      await logMessage(manager, {
        ...entry,
        channel: 'email',
        recipient: recipient.email,
        template: planned.template,
        content: email,
        unsubscribeUrl: await unsubscribeUrl(recipient, planned, settings),
      });
    if (sms && wantsSms(recipient) && wants(recipient, 'sms'))
      await logMessage(manager, {
        ...entry,
        channel: 'sms',
        recipient: recipient.smsPhone,
        template: planned.template,
        ...sms,
      });
  }
}

async function planMessages<T extends EventType>(
  manager: EntityManager,
  event: ConsumedEvent<T>,
  settings: PlannerSettings,
  logger: Logger,
): Promise<void> {
  const facts = await recordBookingFacts(
    manager,
    (factsOf[event.type] as (payload: unknown) => FactUpdate)(event.payload),
  );
  const plan = messagePlans[event.type] as ((payload: unknown, facts: BookingFacts) => PlannedMessage[]) | undefined;
  if (!facts && event.type.startsWith('payment.')) {
    // Payment events travel on another stream than the booking's, and may overtake them: retried with backoff
    // (then dead-lettered) rather than dropped, since the booking's events say who is to be told.
    throw new Error(
      `no booking event seen yet for booking ${String((event.payload as { bookingId?: unknown }).bookingId)}: retried`,
    );
  }
  if (!facts || !plan) {
    if (!facts)
      logger.warn({ eventId: event.id, type: event.type }, 'no booking event seen for this booking: nobody to notify');
    return;
  }
  for (const planned of plan(event.payload, facts)) {
    const partyId = planned.audience === 'organisation' ? facts.organisationId : facts.establishmentId;
    const recipients = await recipientsOf(manager, planned.audience, partyId);
    if (!recipients.length)
      logger.warn(
        { eventId: event.id, template: planned.template, audience: planned.audience },
        'no recipient known for this message',
      );
    const entry = {
      eventId: event.id,
      eventType: event.type,
      occurredAt: event.occurredAt,
      bookingId: facts.bookingId,
    };
    await logPlanned(manager, entry, planned, facts, recipients, settings);
  }
}

/**
 * The consumer's handlers: each event updates what is known of its booking
 * and logs the messages it calls for, in the consumer's transaction (with
 * the inbox row): a redelivered event logs nothing twice, and nothing is
 * sent here, so a slow SMTP server never slows the event flow.
 */
export function notificationEventHandlers(settings: PlannerSettings, logger: Logger): EventHandlers {
  const handlers: EventHandlers = {
    'organisation.membership_changed': (event, { manager }) => recordMembership(manager, event.payload),
    'account.contact_changed': (event, { manager }) => recordAccountContact(manager, event.payload),
  };
  for (const type of Object.keys(factsOf) as EventType[]) {
    (handlers as Record<string, unknown>)[type] = (
      event: ConsumedEvent<typeof type>,
      context: { manager: EntityManager },
    ) => planMessages(context.manager, event, settings, logger);
  }
  return handlers;
}
