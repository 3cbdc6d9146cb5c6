import { z } from 'zod';

/**
 * A collège manager's choice of a daily digest of the requests awaiting a
 * decision, instead of one e-mail per new request; `hour` is when it is sent
 * (Paris time), the same for everyone (the service's setting).
 */
export const myDigestSchema = z.object({ daily: z.boolean(), hour: z.int().min(0).max(23) });
export type MyDigest = z.infer<typeof myDigestSchema>;

/** `PUT /me/digest`: the daily digest on (no e-mail per new request) or off. */
export const updateMyDigestSchema = z.strictObject({ daily: z.boolean({ error: 'doit valoir true ou false' }) });
export type UpdateMyDigest = z.infer<typeof updateMyDigestSchema>;
