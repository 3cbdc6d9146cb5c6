import { z } from 'zod';

/** Field shapes shared by the event payloads. */
export const entityId = z.uuid();
/** An instant with its offset, as produced by `Date.prototype.toISOString()`. */
export const instant = z.iso.datetime({ offset: true });
/** Money is always integer euro cents. */
export const euroCents = z.int().nonnegative();
export const percent = z.int().min(0).max(100);
/** A name as people entered it (organisation, collège, space), for display only. */
export const displayName = z.string().min(1).max(200);
