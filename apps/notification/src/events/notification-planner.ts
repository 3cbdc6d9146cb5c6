import type { EntityManager } from 'typeorm';
import type { EventPayload, EventType } from '@salle/contracts';
import type { ConsumedEvent, EventHandlers, EventSecrets } from '@salle/events';
import type { Logger } from '@salle/runtime';
import { recordBookingFactsAndReadRecipients, type BookingFacts, type FactUpdate } from '../bookings/booking-facts';
import { renderContent, type Branding } from '../messages/message-layout';
import { messagePlans, type PlannedMessage } from '../messages/message-plan';
import { messageContent, type Links } from '../messages/message-templates';
import { claimCodeSms } from '../messages/sms-texts';
import { partyContent, partyOf, partyPlans, type PartyMessage } from '../messages/party-messages';
import { reminderChanges, type ReminderLeads } from '../schedule/reminder-plan';
import { logMessagesAndReminders } from '../schedule/reminder-schedule';
import {
  accountRecipients,
  addressRecipient,
  recipientsOf,
  recordAccountContact,
  recordDepartmentAdmins,
  recordEstablishmentContacts,
  recordMembership,
  recordOrganisationContact,
  type Recipient,
} from '../recipients/recipient-directory';
import { logMessages, type NewLogEntry } from '../delivery/send-log';
import { copiesOf, logCopies, smsOf, type CopySettings } from './message-copies';

export interface PlannerSettings extends CopySettings {
  brand: Branding;
  /** Opens the secrets events carry sealed (claim codes, invitation links): EVENT_SECRET_KEY, shared with booking. */
  secrets: EventSecrets;
  /** How long before each deadline its reminder falls due. */
  reminders: ReminderLeads;
}

/** What a message is logged under: the event that called for it, or the reminder that fell due. */
export interface MessageCause {
  id: string;
  type: string;
  occurredAt: string;
}

/** The types this service reads, and the facts each one carries about its booking. */
const factsOf: { [T in EventType]?: (payload: ConsumedEvent<T>['payload']) => FactUpdate } = {
  'booking.requested': (p) => ({ ...p, awaitingDecision: true }),
  'booking.approved': (p) => ({ ...p, awaitingDecision: false }),
  'booking.confirmed': (p) => ({ ...p }),
  'booking.refused': (p) => ({ ...p, awaitingDecision: false }),
  'booking.expired': (p) => ({ ...p, awaitingDecision: false }),
  'booking.cancelled': (p) => ({
    bookingId: p.bookingId,
    establishmentId: p.establishmentId,
    organisationId: p.organisationId,
    awaitingDecision: false,
  }),
  'payment.succeeded': (p) => ({ bookingId: p.bookingId, establishmentId: p.establishmentId }),
  'payment.refunded': (p) => ({ bookingId: p.bookingId, establishmentId: p.establishmentId }),
};

function linksFor(facts: BookingFacts, webUrl: string): Links {
  return {
    booking: `${webUrl}/reservations/${facts.bookingId}`,
    requests: `${webUrl}/gestion/${facts.establishmentId}/demandes`,
    series: (seriesId) => `${webUrl}/series/${seriesId}`,
    claim: `${webUrl}/organisations/revendiquer`,
    // The gateway serves the booking service's paths under /api/booking, as the web's calendarFeedUrl writes them.
    calendar: (path) => `${webUrl}/api/booking${path}`,
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

async function planMessages<T extends EventType>(
  manager: EntityManager,
  event: ConsumedEvent<T>,
  settings: PlannerSettings,
  logger: Logger,
): Promise<void> {
  const plan = messagePlans[event.type] as ((payload: unknown, facts: BookingFacts) => PlannedMessage[]) | undefined;
  // The facts merged and the recipients of both parties read in one round trip (those of a party not told unused).
  const known = await recordBookingFactsAndReadRecipients(
    manager,
    (factsOf[event.type] as (payload: unknown) => FactUpdate)(event.payload),
    plan !== undefined,
  );
  if (!known && event.type.startsWith('payment.')) {
    // Payment events travel on another stream than the booking's, and may overtake them: retried with backoff
    // (then dead-lettered) rather than dropped, since the booking's events say who is to be told.
    throw new Error(
      `no booking event seen yet for booking ${String((event.payload as { bookingId?: unknown }).bookingId)}: retried`,
    );
  }
  if (!known || !plan) {
    if (!known)
      logger.warn({ eventId: event.id, type: event.type }, 'no booking event seen for this booking: nobody to notify');
    return;
  }
  const { facts, recipients } = known;
  const plans = plan(event.payload, facts);
  const entries: NewLogEntry[] = [];
  for (const planned of plans)
    entries.push(
      ...(await plannedCopies(manager, event, planned, facts, recipients[planned.audience], settings, logger)),
    );
  // The copies and the reminder changes in one statement: the send log's unique key is written with them.
  await logMessagesAndReminders(
    manager,
    entries,
    facts.bookingId,
    // Older versions (booking.expired v1) differ only in fields the reminder plans do not read.
    reminderChanges(
      event.type,
      event.payload as EventPayload<T>,
      facts,
      settings.reminders,
      new Date(event.occurredAt),
    ),
  );
}

/** Writes a planned message and logs one copy per recipient known now (none known: logged as a warning). */
export async function logPlannedMessage(
  manager: EntityManager,
  cause: MessageCause,
  planned: PlannedMessage,
  facts: BookingFacts,
  settings: PlannerSettings,
  logger: Logger,
): Promise<void> {
  const partyId = planned.audience === 'organisation' ? facts.organisationId : facts.establishmentId;
  const recipients = await recipientsOf(manager, planned.audience, partyId);
  await logMessages(manager, await plannedCopies(manager, cause, planned, facts, recipients, settings, logger));
}

/**
 * The sessions of a series a message tells at once (a request, decision or cancellation of several, a period's
 * payment reminder): each session's page lists it. For the send log.
 */
function seriesSessionsOf(planned: PlannedMessage): { seriesBookingIds?: string[] } {
  const series = 'series' in planned ? planned.series : undefined;
  const ids = !series
    ? []
    : 'sessions' in series
      ? series.sessions.map((session) => session.bookingId)
      : (series.bookingIds ?? []);
  return ids.length ? { seriesBookingIds: ids } : {};
}

/** The send log's entries of a planned message, written once, for its recipients. */
async function plannedCopies(
  manager: EntityManager,
  cause: MessageCause,
  planned: PlannedMessage,
  facts: BookingFacts,
  recipients: Recipient[],
  settings: PlannerSettings,
  logger: Logger,
): Promise<NewLogEntry[]> {
  if (!recipients.length)
    logger.warn(
      { eventId: cause.id, template: planned.template, audience: planned.audience },
      'no recipient known for this message',
    );
  const entry = {
    eventId: cause.id,
    eventType: cause.type,
    occurredAt: cause.occurredAt,
    bookingId: facts.bookingId,
    ...seriesSessionsOf(planned),
  };
  const email = write(planned, facts, settings);
  const sms = settings.sms ? smsOf(planned, facts, settings.now?.() ?? new Date()) : null;
  return copiesOf(manager, { entry, kind: planned.template, email, sms }, recipients, settings);
}

/** Logs the messages about an organisation or a payment flag (no slot to name), one per recipient known now. */
async function planPartyMessages(
  manager: EntityManager,
  cause: MessageCause,
  messages: PartyMessage[],
  bookingId: string | null,
  settings: PlannerSettings,
  logger: Logger,
): Promise<void> {
  for (const message of messages) {
    const recipients =
      message.audience === 'address'
        ? [addressRecipient(partyOf(message))]
        : message.audience === 'account'
          ? await accountRecipients(manager, partyOf(message))
          : await recipientsOf(manager, message.audience, partyOf(message));
    if (!recipients.length)
      logger.warn({ eventId: cause.id, template: message.template }, 'no recipient known for this message');
    const entry = { eventId: cause.id, eventType: cause.type, occurredAt: cause.occurredAt, bookingId };
    if (message.template === 'claim_code' && message.channel === 'sms') {
      // The code alone, to the contact's mobile, whatever the hour; nothing by e-mail.
      if (!settings.sms) logger.warn({ eventId: cause.id }, 'a claim code asked by SMS, but SMS are off');
      const sms = {
        content: { subject: null, text: claimCodeSms(message.code, message.organisationName), html: null },
      };
      const contact: Recipient = { accountId: null, email: null, displayName: null, smsPhone: message.to };
      const email = { subject: null, text: '', html: null };
      await logCopies(manager, { entry, kind: message.template, email, sms }, [contact], settings);
      continue;
    }
    const email = renderContent(partyContent(message, settings.brand.webUrl), settings.brand);
    await logCopies(manager, { entry, kind: message.template, email, sms: null }, recipients, settings);
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
    'establishment.contacts_changed': (event, { manager }) => recordEstablishmentContacts(manager, event.payload),
    'department.admins_changed': (event, { manager }) => recordDepartmentAdmins(manager, event.payload),
    'organisation.contact_changed': (event, { manager }) => recordOrganisationContact(manager, event.payload),
    'organisation.declared': (event, { manager }) =>
      planPartyMessages(manager, event, partyPlans['organisation.declared'](event.payload), null, settings, logger),
    'organisation.verification_decided': (event, { manager }) =>
      planPartyMessages(
        manager,
        event,
        partyPlans['organisation.verification_decided'](event.payload),
        null,
        settings,
        logger,
      ),
    'organisation.insurance_expiring': (event, { manager }) =>
      planPartyMessages(
        manager,
        event,
        partyPlans['organisation.insurance_expiring'](event.payload),
        null,
        settings,
        logger,
      ),
    'account.inactivity_warned': (event, { manager }) =>
      planPartyMessages(manager, event, partyPlans['account.inactivity_warned'](event.payload), null, settings, logger),
    'booking.message_posted': (event, { manager }) =>
      planPartyMessages(
        manager,
        event,
        partyPlans['booking.message_posted'](event.payload),
        event.payload.bookingId,
        settings,
        logger,
      ),
    'convention.issued': (event, { manager }) =>
      planPartyMessages(
        manager,
        event,
        partyPlans['convention.issued'](event.payload),
        event.payload.bookingId,
        settings,
        logger,
      ),
    'convention.signed': (event, { manager }) =>
      planPartyMessages(
        manager,
        event,
        partyPlans['convention.signed'](event.payload),
        event.payload.bookingId,
        settings,
        logger,
      ),
    'convention.signing_overdue': (event, { manager }) =>
      planPartyMessages(
        manager,
        event,
        partyPlans['convention.signing_overdue'](event.payload),
        event.payload.bookingId,
        settings,
        logger,
      ),
    'convention.completed': (event, { manager }) =>
      planPartyMessages(
        manager,
        event,
        partyPlans['convention.completed'](event.payload),
        event.payload.bookingId,
        settings,
        logger,
      ),
    'organisation.claim_requested': (event, { manager }) =>
      planPartyMessages(
        manager,
        event,
        partyPlans['organisation.claim_requested'](event.payload),
        null,
        settings,
        logger,
      ),
    'organisation.claim_decided': (event, { manager }) =>
      planPartyMessages(
        manager,
        event,
        partyPlans['organisation.claim_decided'](event.payload),
        null,
        settings,
        logger,
      ),
    'establishment.manager_invited': (event, { manager }) =>
      planPartyMessages(
        manager,
        event,
        partyPlans['establishment.manager_invited'](event.payload),
        null,
        settings,
        logger,
      ),
    'organisation.claim_code_requested': (event, { manager }) => {
      // Version 1 carried the code in clear, to the e-mail only (events written before the code was sealed).
      const payload =
        event.version === 1
          ? { ...event.payload, channel: 'email' as const, to: event.payload.email, sealedCode: '' }
          : event.payload;
      const code = event.version === 1 ? event.payload.code : settings.secrets.open(payload.sealedCode, event.type);
      return planPartyMessages(
        manager,
        event,
        partyPlans['organisation.claim_code_requested'](payload, code),
        null,
        settings,
        logger,
      );
    },
    'organisation.member_invited': (event, { manager }) =>
      planPartyMessages(
        manager,
        event,
        partyPlans['organisation.member_invited'](
          event.payload,
          settings.secrets.open(event.payload.sealedToken, event.type),
        ),
        null,
        settings,
        logger,
      ),
    'payment.payer_contacted': (event, { manager }) =>
      planPartyMessages(
        manager,
        event,
        partyPlans['payment.payer_contacted'](event.payload),
        event.payload.bookingId,
        settings,
        logger,
      ),
    'payment.flag_raised': (event, { manager }) =>
      planPartyMessages(
        manager,
        event,
        partyPlans['payment.flag_raised'](event.payload),
        event.payload.bookingId,
        settings,
        logger,
      ),
  };
  for (const type of Object.keys(factsOf) as EventType[]) {
    (handlers as Record<string, unknown>)[type] = (
      event: ConsumedEvent<typeof type>,
      context: { manager: EntityManager },
    ) => planMessages(context.manager, event, settings, logger);
  }
  return handlers;
}
