import type { z } from 'zod';
import {
  bookingApprovedV1,
  bookingCancelledV1,
  bookingConfirmedV1,
  bookingMessagePostedV1,
  bookingExpiredV1,
  bookingExpiredV2,
  bookingRefusedV1,
  bookingRequestedV1,
} from './booking-events';
import {
  conventionCompletedV1,
  conventionIssuedV1,
  conventionSignedV1,
  conventionSigningOverdueV1,
} from './convention-events';
import { accountContactChangedV1, accountInactivityWarnedV1, departmentAdminsChangedV1 } from './account-events';
import {
  establishmentContactsChangedV1,
  establishmentManagerInvitedV1,
  establishmentManagersChangedV1,
  establishmentPayoutReadyV1,
} from './establishment-events';
import {
  organisationClaimCodeRequestedV1,
  organisationClaimCodeRequestedV2,
  organisationMemberInvitedV1,
  organisationClaimDecidedV1,
  organisationClaimRequestedV1,
  organisationContactChangedV1,
  organisationDeclaredV1,
  organisationMembershipChangedV1,
  organisationVerificationDecidedV1,
  organisationInsuranceExpiringV1,
} from './organisation-events';
import {
  paymentCheckoutOpenedV1,
  paymentExpiredV1,
  paymentFailedV1,
  paymentFlagRaisedV1,
  paymentPayerContactedV1,
  paymentProcessingV1,
  paymentRefundedV1,
  paymentSucceededV1,
} from './payment-events';

/** The services that write events (each relays its outbox to its own stream). */
export type EventProducer = 'booking' | 'payment' | 'gateway';

interface CatalogEntry {
  producer: EventProducer;
  /** The version producers write today. */
  latest: number;
  versions: Record<number, z.ZodType>;
}

/**
 * Every event type, who produces it and the payload schema of each version.
 * A breaking change to a payload (field renamed, removed, or its meaning
 * changed) adds a version here; consumers keep accepting the older ones until
 * no producer writes them. Adding an optional field is not a new version.
 */
export const eventCatalog = {
  'booking.requested': { producer: 'booking', latest: 1, versions: { 1: bookingRequestedV1 } },
  'booking.approved': { producer: 'booking', latest: 1, versions: { 1: bookingApprovedV1 } },
  'booking.refused': { producer: 'booking', latest: 1, versions: { 1: bookingRefusedV1 } },
  'booking.expired': { producer: 'booking', latest: 2, versions: { 1: bookingExpiredV1, 2: bookingExpiredV2 } },
  'booking.cancelled': { producer: 'booking', latest: 1, versions: { 1: bookingCancelledV1 } },
  'booking.confirmed': { producer: 'booking', latest: 1, versions: { 1: bookingConfirmedV1 } },
  'booking.message_posted': { producer: 'booking', latest: 1, versions: { 1: bookingMessagePostedV1 } },
  'convention.issued': { producer: 'booking', latest: 1, versions: { 1: conventionIssuedV1 } },
  'convention.signed': { producer: 'booking', latest: 1, versions: { 1: conventionSignedV1 } },
  'convention.completed': { producer: 'booking', latest: 1, versions: { 1: conventionCompletedV1 } },
  'convention.signing_overdue': { producer: 'booking', latest: 1, versions: { 1: conventionSigningOverdueV1 } },
  'payment.checkout_opened': { producer: 'payment', latest: 1, versions: { 1: paymentCheckoutOpenedV1 } },
  'payment.succeeded': { producer: 'payment', latest: 1, versions: { 1: paymentSucceededV1 } },
  'payment.processing': { producer: 'payment', latest: 1, versions: { 1: paymentProcessingV1 } },
  'payment.failed': { producer: 'payment', latest: 1, versions: { 1: paymentFailedV1 } },
  'payment.expired': { producer: 'payment', latest: 1, versions: { 1: paymentExpiredV1 } },
  'payment.refunded': { producer: 'payment', latest: 1, versions: { 1: paymentRefundedV1 } },
  'payment.flag_raised': { producer: 'payment', latest: 1, versions: { 1: paymentFlagRaisedV1 } },
  'payment.payer_contacted': { producer: 'payment', latest: 1, versions: { 1: paymentPayerContactedV1 } },
  'establishment.payout_ready': { producer: 'payment', latest: 1, versions: { 1: establishmentPayoutReadyV1 } },
  'establishment.contacts_changed': {
    producer: 'booking',
    latest: 1,
    versions: { 1: establishmentContactsChangedV1 },
  },
  'establishment.manager_invited': {
    producer: 'booking',
    latest: 1,
    versions: { 1: establishmentManagerInvitedV1 },
  },
  'establishment.managers_changed': {
    producer: 'booking',
    latest: 1,
    versions: { 1: establishmentManagersChangedV1 },
  },
  'organisation.membership_changed': {
    producer: 'booking',
    latest: 1,
    versions: { 1: organisationMembershipChangedV1 },
  },
  'organisation.declared': { producer: 'booking', latest: 1, versions: { 1: organisationDeclaredV1 } },
  'organisation.contact_changed': { producer: 'booking', latest: 1, versions: { 1: organisationContactChangedV1 } },
  'organisation.claim_requested': { producer: 'booking', latest: 1, versions: { 1: organisationClaimRequestedV1 } },
  'organisation.claim_decided': { producer: 'booking', latest: 1, versions: { 1: organisationClaimDecidedV1 } },
  'organisation.insurance_expiring': {
    producer: 'booking',
    latest: 1,
    versions: { 1: organisationInsuranceExpiringV1 },
  },
  'organisation.claim_code_requested': {
    producer: 'booking',
    latest: 2,
    versions: { 1: organisationClaimCodeRequestedV1, 2: organisationClaimCodeRequestedV2 },
  },
  'organisation.member_invited': { producer: 'booking', latest: 1, versions: { 1: organisationMemberInvitedV1 } },
  'organisation.verification_decided': {
    producer: 'booking',
    latest: 1,
    versions: { 1: organisationVerificationDecidedV1 },
  },
  'account.contact_changed': { producer: 'gateway', latest: 1, versions: { 1: accountContactChangedV1 } },
  'account.inactivity_warned': { producer: 'gateway', latest: 1, versions: { 1: accountInactivityWarnedV1 } },
  'department.admins_changed': { producer: 'gateway', latest: 1, versions: { 1: departmentAdminsChangedV1 } },
} as const satisfies Record<string, CatalogEntry>;

type Catalog = typeof eventCatalog;
export type EventType = keyof Catalog;
export type EventVersion<T extends EventType> = keyof Catalog[T]['versions'] & number;
export type LatestEventVersion<T extends EventType> = Catalog[T]['latest'] & EventVersion<T>;
type VersionSchema<T extends EventType, V> = V extends keyof Catalog[T]['versions']
  ? Catalog[T]['versions'][V] extends z.ZodType
    ? Catalog[T]['versions'][V]
    : never
  : never;
/**
 * The payload of `type` at `version` (each type's latest one by default).
 * Distributes over a union of types, so that `EventPayload<EventType>` is the
 * union of every type's latest payload.
 */
export type EventPayload<T extends EventType, V extends EventVersion<T> | 'latest' = 'latest'> = {
  [K in T]: z.infer<VersionSchema<K, V extends 'latest' ? Catalog[K]['latest'] : V>>;
}[T];

export const eventTypes = Object.keys(eventCatalog) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(eventCatalog, type);
}

/** The payload schema of a (type, version) pair, or undefined when this build does not know it. */
export function eventPayloadSchema(type: string, version: number): z.ZodType | undefined {
  if (!isEventType(type)) return undefined;
  const versions: Record<number, z.ZodType> = eventCatalog[type].versions;
  return Object.prototype.hasOwnProperty.call(versions, version) ? versions[version] : undefined;
}

export function latestEventVersion(type: EventType): number {
  return eventCatalog[type].latest;
}

export function eventProducer(type: EventType): EventProducer {
  return eventCatalog[type].producer;
}
