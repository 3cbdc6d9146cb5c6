import { z } from 'zod';

export const uuidSchema = z.uuid({ error: 'doit être un identifiant (UUID)' });
/** Who may rent: each has its own tariff, and a space lists the ones it accepts. */
export const RENTER_CATEGORIES = ['association', 'commune', 'training_organisation', 'company'] as const;
export const renterCategorySchema = z.enum(RENTER_CATEGORIES);
export type RenterCategory = z.infer<typeof renterCategorySchema>;

/** An instant with an explicit offset, e.g. 2026-03-02T18:00:00+01:00: never a naive local time. */
export const instantSchema = z.iso.datetime({
  offset: true,
  error: 'doit être une date-heure ISO 8601 avec fuseau (ex. 2026-03-02T18:00:00+01:00)',
});
export const localDateSchema = z.iso.date({ error: 'doit être une date AAAA-MM-JJ' });
export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'doit être une heure HH:MM' });

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, { error: 'au plus 100 résultats par page' }).default(20),
});

/** An instant in a response: UTC, as `Date#toISOString` writes it. */
export const utcInstantSchema = z.iso.datetime();

/** A page of a list endpoint. */
export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.strictObject({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}

/** A whole list, unpaged: `{ items }`. */
export function itemsSchema<Item extends z.ZodType>(item: Item) {
  return z.strictObject({ items: z.array(item) });
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
