import { z } from 'zod';
import { statisticsQuerySchema } from '../booking/statistics';

/**
 * `GET /revenue`: the money that actually came in and went back, over the
 * same periods as booking's statistics (Paris dates, both included), so that
 * the statistics page shows it beside what was billed.
 */
export const revenueQuerySchema = statisticsQuerySchema;
export type RevenueQuery = z.infer<typeof revenueQuerySchema>;

const cents = z.number().int().meta({ description: 'Integer euro cents.' });

/**
 * From payment's ledger, by the Paris date the money moved: `collectedCents`
 * what payers paid (cards and PayFiP), `refundedCents` what went back to them,
 * `disputedCents` what disputes took, `netCents` collected minus both.
 */
export const revenueFiguresSchema = z.strictObject({
  collectedCents: cents,
  refundedCents: cents,
  disputedCents: cents,
  netCents: cents,
});
export type RevenueFigures = z.infer<typeof revenueFiguresSchema>;

export const revenueViewSchema = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  totals: revenueFiguresSchema,
  months: z.array(revenueFiguresSchema.extend({ month: z.string().regex(/^\d{4}-\d{2}$/) })),
  establishments: z.array(revenueFiguresSchema.extend({ establishmentId: z.uuid() })),
});
export type RevenueView = z.infer<typeof revenueViewSchema>;
