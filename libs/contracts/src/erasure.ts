import { z } from 'zod';

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
