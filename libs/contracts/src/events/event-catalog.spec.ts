import { randomUUID } from 'node:crypto';
import {
  eventCatalog,
  eventPayloadSchema,
  eventProducer,
  eventTypes,
  isEventType,
  latestEventVersion,
} from './event-catalog';

const id = () => randomUUID();

describe('event catalog', () => {
  it('lists the events the services exchange, each with a producer and a latest version it knows', () => {
    expect(eventTypes.sort()).toEqual(
      [
        'account.contact_changed',
        'account.inactivity_warned',
        'booking.approved',
        'booking.cancelled',
        'booking.confirmed',
        'booking.expired',
        'booking.message_posted',
        'booking.refused',
        'booking.requested',
        'convention.completed',
        'convention.issued',
        'convention.signed',
        'convention.signing_overdue',
        'establishment.contacts_changed',
        'establishment.manager_invited',
        'establishment.payout_ready',
        'department.admins_changed',
        'organisation.contact_changed',
        'organisation.declared',
        'organisation.claim_requested',
        'organisation.claim_decided',
        'organisation.claim_code_requested',
        'organisation.member_invited',
        'organisation.verification_decided',
        'organisation.insurance_expiring',
        'payment.flag_raised',
        'payment.payer_contacted',
        'organisation.membership_changed',
        'establishment.managers_changed',
        'payment.checkout_opened',
        'payment.expired',
        'payment.failed',
        'payment.processing',
        'payment.refunded',
        'payment.succeeded',
      ].sort(),
    );
    for (const type of eventTypes) {
      expect(eventPayloadSchema(type, latestEventVersion(type))).toBeDefined();
      const producer =
        type.startsWith('booking.') ||
        type.startsWith('convention.') ||
        type.startsWith('organisation.') ||
        ['establishment.contacts_changed', 'establishment.manager_invited', 'establishment.managers_changed'].includes(
          type,
        )
          ? 'booking'
          : type.startsWith('account.') || type.startsWith('department.')
            ? 'gateway'
            : 'payment';
      expect(eventProducer(type)).toBe(producer);
    }
  });

  it('knows nothing of other types or versions', () => {
    expect(isEventType('booking.teleported')).toBe(false);
    expect(isEventType('toString')).toBe(false);
    expect(eventPayloadSchema('booking.approved', 2)).toBeUndefined();
    expect(eventPayloadSchema('booking.approved', 0)).toBeUndefined();
    expect(eventPayloadSchema('constructor', 1)).toBeUndefined();
  });

  it('accepts a sensible booking.cancelled and refuses amounts in euros, odd percentages and local times', () => {
    const schema = eventCatalog['booking.cancelled'].versions[1];
    const valid = {
      bookingId: id(),
      establishmentId: id(),
      organisationId: id(),
      cancelledBy: 'organisation',
      refundPercent: 50,
      priceCents: 4500,
      reason: null,
    };
    expect(schema.safeParse(valid).success).toBe(true);
    expect(schema.safeParse({ ...valid, priceCents: 45.5 }).success).toBe(false);
    expect(schema.safeParse({ ...valid, refundPercent: 101 }).success).toBe(false);
    expect(schema.safeParse({ ...valid, bookingId: 'b-1' }).success).toBe(false);

    const requested = eventCatalog['booking.requested'].versions[1];
    const slot = {
      bookingId: id(),
      establishmentId: id(),
      organisationId: id(),
      spaceId: id(),
      startsAt: '2026-12-01T19:00:00+01:00',
      endsAt: '2026-12-01T21:00:00+01:00',
      seriesId: null,
      priceCents: 0,
      decisionDueAt: '2026-11-28T12:00:00Z',
    };
    expect(requested.safeParse(slot).success).toBe(true);
    expect(requested.safeParse({ ...slot, startsAt: '2026-12-01 19:00' }).success).toBe(false);
  });

  it('keeps the names booking.approved may carry, and reads it without them', () => {
    const approved = eventCatalog['booking.approved'].versions[1];
    const slot = {
      bookingId: id(),
      establishmentId: id(),
      organisationId: id(),
      spaceId: id(),
      startsAt: '2026-12-01T18:00:00+01:00',
      endsAt: '2026-12-01T20:00:00+01:00',
      priceCents: 3200,
      paymentDueAt: '2026-11-28T12:00:00Z',
    };
    const labels = {
      organisationName: 'Basket Club de Crolles',
      establishmentName: 'Collège Jean Moulin',
      spaceName: 'Gymnase',
    };
    expect(approved.parse({ ...slot, labels })).toEqual({ ...slot, labels });
    expect(approved.parse(slot)).toEqual(slot);
    expect(approved.safeParse({ ...slot, labels: { ...labels, spaceName: '' } }).success).toBe(false);
    expect(approved.safeParse({ ...slot, labels: { organisationName: 'Basket Club de Crolles' } }).success).toBe(false);
  });

  it('validates payment payloads', () => {
    const checkout = eventCatalog['payment.checkout_opened'].versions[1];
    const opened = {
      paymentId: id(),
      bookingId: id(),
      establishmentId: id(),
      amountCents: 4500,
      checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_test_123',
      expiresAt: '2026-11-28T12:30:00.000Z',
    };
    expect(checkout.safeParse(opened).success).toBe(true);
    expect(checkout.safeParse({ ...opened, checkoutUrl: 'not a url' }).success).toBe(false);
    expect(checkout.safeParse({ ...opened, amountCents: -1 }).success).toBe(false);
    const payout = eventCatalog['establishment.payout_ready'].versions[1];
    expect(payout.safeParse({ establishmentId: id(), accountId: 'acct_123' }).success).toBe(true);
    expect(payout.safeParse({ establishmentId: id(), accountId: '' }).success).toBe(false);
  });

  it('carries an account’s e-mail only when it is one', () => {
    const contact = eventCatalog['account.contact_changed'].versions[1];
    expect(
      contact.safeParse({ accountId: id(), email: 'angela.dubois@example.fr', displayName: 'Angela Dubois' }).success,
    ).toBe(true);
    expect(contact.safeParse({ accountId: id(), email: 'angela.dubois', displayName: 'Angela Dubois' }).success).toBe(
      false,
    );
    expect(contact.safeParse({ accountId: id(), email: 'angela.dubois@example.fr', displayName: '' }).success).toBe(
      false,
    );
  });

  it('reads both versions of booking.expired: version 2 adds an expiry from approved', () => {
    const expired = { bookingId: id(), establishmentId: id(), organisationId: id() };
    expect(latestEventVersion('booking.expired')).toBe(2);
    const [v1, v2] = [eventPayloadSchema('booking.expired', 1), eventPayloadSchema('booking.expired', 2)];
    expect(v1?.safeParse({ ...expired, expiredFrom: 'awaiting_payment' }).success).toBe(true);
    expect(v1?.safeParse({ ...expired, expiredFrom: 'approved' }).success).toBe(false);
    expect(v2?.safeParse({ ...expired, expiredFrom: 'approved' }).success).toBe(true);
    expect(v2?.safeParse({ ...expired, expiredFrom: 'confirmed' }).success).toBe(false);
  });
});
