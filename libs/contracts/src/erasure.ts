import { z } from 'zod';
import { ACCOUNTING_RETENTION_YEARS } from './privacy/retention';

/** Stands for every erased person where a record must stay (a booking or a payout account needs its author). */
export const ERASED_ACCOUNT_ID = '00000000-0000-0000-0000-000000000000';

/** Why the accounting records of an erased person stay (bookings, payments, invoices), as the person reads it. */
export const ACCOUNTING_KEPT_REASON = `Pièces justificatives comptables des locations (Code de commerce, art.\u00a0L123-22)\u00a0: conservées ${ACCOUNTING_RETENTION_YEARS}\u00a0ans, sans votre nom ni votre identifiant.`;

/**
 * Why an erased person's signatures of a convention stay (its evidence of signature), as the person reads it: the
 * convention is the administrative contract for the use of the room, and a party may claim under it for five years.
 */
export const CONVENTION_SIGNATURE_KEPT_REASON =
  'Preuve de signature de la convention d’occupation, contrat administratif (Code civil, art.\u00a02224)\u00a0: conservée avec la convention, votre nom tel que signé, sans votre identifiant.';

/**
 * The end of the accounting period (`years`, a deployment may keep longer) of a record made, or for a booking ended,
 * at `newest` (YYYY-MM-DD), as a kept record states it.
 */
export function accountingKeptUntil(newest: Date, years = ACCOUNTING_RETENTION_YEARS): string {
  const until = new Date(newest);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until.toISOString().slice(0, 10);
}

/** What a service kept of an erased person's data, because a law requires it, and until when. */
export const keptRecordSchema = z.strictObject({
  /** The kind of record, e.g. `bookings`. */
  what: z.string(),
  count: z.number().int().min(0),
  /** The legal obligation, in French, as the person and the admin read it. */
  reason: z.string(),
  /** The end of the retention period of the newest record (YYYY-MM-DD). */
  keptUntil: z.iso.date(),
});
export type KeptRecord = z.infer<typeof keptRecordSchema>;

/** A service's answer to the erasure of one account: what it removed and what it kept (pseudonymised). */
export const serviceErasureReportSchema = z.strictObject({
  removed: z.number().int().min(0),
  kept: z.array(keptRecordSchema),
});
export type ServiceErasureReport = z.infer<typeof serviceErasureReportSchema>;

export const erasurePathSchema = z.object({ accountId: z.uuid() });

/** A person's request to erase their account, as they and the admins see it. */
export const erasureRequestViewSchema = z.strictObject({
  id: z.uuid(),
  accountId: z.uuid(),
  requestedAt: z.iso.datetime(),
  /** One month after the request: the legal deadline to answer it. */
  deadlineAt: z.iso.datetime(),
  executedAt: z.iso.datetime().nullable(),
  /** Once executed: by service, what was kept and why. */
  report: z.record(z.string(), serviceErasureReportSchema).nullable(),
});
export type ErasureRequestView = z.infer<typeof erasureRequestViewSchema>;

export const erasureRequestsSchema = z.strictObject({ items: z.array(erasureRequestViewSchema) });
export type ErasureRequests = z.infer<typeof erasureRequestsSchema>;
