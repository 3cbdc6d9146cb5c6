import { z } from 'zod';

export type RetentionUnit = 'years' | 'months' | 'days';

/**
 * Fixed by law, not by configuration: accounting documents, bookings and payments included, are kept 10 years
 * (Code de commerce, art. L123-22), pseudonymised when the person is erased.
 */
export const ACCOUNTING_RETENTION_YEARS = 10;

/**
 * The configurable retention periods, each written once: the environment variable that sets it, its default
 * and its unit. The service that enforces a period reads its variable (libs/config `retentionVariables`), and
 * the gateway reads them all to publish them on the personal-data page: set each alike for both (docs/privacy.md).
 */
export const RETENTION_PERIODS = {
  /** An account nobody logged in to for this long is warned by e-mail, then erased. */
  RETENTION_INACTIVE_ACCOUNT_YEARS: { default: 3, unit: 'years' },
  /** How long after the warning an account still not used is erased. */
  RETENTION_INACTIVE_ACCOUNT_NOTICE_DAYS: { default: 30, unit: 'days' },
  /** Messages sent (e-mails, SMS) and their send log are deleted after this. */
  RETENTION_MESSAGES_MONTHS: { default: 12, unit: 'months' },
  /**
   * Each service's audit entries lose who acted (and the account they were about, if any) after this: the five years
   * in which a civil claim about what was done may still be brought (Code civil, art. 2224). The action, its date
   * and the changes stay. One variable per service, read by the service that keeps the log: booking's covers the
   * bookings' status history too.
   */
  BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS: { default: 5, unit: 'years' },
  PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS: { default: 5, unit: 'years' },
  NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS: { default: 5, unit: 'years' },
  GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS: { default: 5, unit: 'years' },
  /**
   * A booking's conversation (its messages and who read them) is deleted this long after the booking's slot ended:
   * long enough to settle a dispute about how it went (damage, payment), while the booking itself stays 10 years.
   */
  BOOKING_CONVERSATION_DELETE_AFTER_YEARS: { default: 2, unit: 'years' },
  /**
   * An insurance certificate (its file and its row) is deleted this long after its expiry: long enough to answer
   * for a claim about a booking it covered near its end, while a certificate still in force is never touched.
   */
  BOOKING_INSURANCE_CERTIFICATE_DELETE_AFTER_YEARS: { default: 1, unit: 'years' },
  /**
   * An issued convention (its file and its row) is deleted this long after the end of the last session it covers:
   * the five years in which a party to the administrative contract may still bring a claim under it (Code civil,
   * art. 2224), after which nothing requires it.
   */
  BOOKING_CONVENTION_DELETE_AFTER_YEARS: { default: 5, unit: 'years' },
  /**
   * A rejected organisation that never booked is deleted this long after its rejection, with its memberships,
   * invitations, claims and insurance certificates: the reasonable time (one year) in which a decision may still be
   * challenged before the administrative court when no time limit was notified (Conseil d'État, 13 July 2016,
   * Czabaj, n° 387763). One that booked keeps its record for its bookings, without its contact person.
   */
  BOOKING_REJECTED_ORGANISATION_DELETE_AFTER_YEARS: { default: 1, unit: 'years' },
  /**
   * Payments, refunds, invoices and the flags about them lose every link to a person (account ids, the payer e-mail,
   * the provider's copy of the payer's details) this long after they were made: the accounting period
   * (ACCOUNTING_RETENTION_YEARS), which the payment service refuses to shorten. Amounts and references stay.
   */
  PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS: { default: ACCOUNTING_RETENTION_YEARS, unit: 'years' },
  /**
   * Bookings are deleted, with their series, conventions, conversation leftovers and audit entries, this long after
   * their last session ended: the accounting period (ACCOUNTING_RETENTION_YEARS), which the booking service refuses
   * to shorten. The payment service keeps the accounting records, without any person.
   */
  BOOKING_RECORDS_DELETE_AFTER_YEARS: { default: ACCOUNTING_RETENTION_YEARS, unit: 'years' },
} as const satisfies Record<string, { default: number; unit: RetentionUnit }>;

export type RetentionVariable = keyof typeof RETENTION_PERIODS;
export const retentionVariableSchema = z.enum(Object.keys(RETENTION_PERIODS) as [RetentionVariable]);

/** The periods of one deployment, by variable. */
export type RetentionSettings = Record<RetentionVariable, number>;

/** `GET /api/privacy/retention`: this deployment's periods, which the personal-data page states. */
export const retentionSettingsSchema = z.strictObject({
  periods: z.record(retentionVariableSchema, z.number().int().positive()),
});

/** The defaults, for what runs without configuration (the web app's tests, the docs). */
export const DEFAULT_RETENTION: RetentionSettings = Object.fromEntries(
  Object.entries(RETENTION_PERIODS).map(([name, period]) => [name, period.default]),
) as RetentionSettings;

/** The instant a period counted back from `now` began: what is older is due. */
export function retentionCutoff(now: Date, amount: number, unit: RetentionUnit): Date {
  const cutoff = new Date(now);
  if (unit === 'years') cutoff.setUTCFullYear(cutoff.getUTCFullYear() - amount);
  else if (unit === 'months') cutoff.setUTCMonth(cutoff.getUTCMonth() - amount);
  else cutoff.setUTCDate(cutoff.getUTCDate() - amount);
  return cutoff;
}

const UNIT_WORDS: Record<RetentionUnit, [string, string]> = {
  years: ['an', 'ans'],
  months: ['mois', 'mois'],
  days: ['jour', 'jours'],
};

/** « 3 ans », « 1 an », « 12 mois », « 30 jours ». */
export function frenchPeriod(amount: number, unit: RetentionUnit): string {
  const [one, many] = UNIT_WORDS[unit];
  return `${amount}\u00a0${amount === 1 ? one : many}`;
}
