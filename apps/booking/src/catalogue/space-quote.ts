import type { DataSource } from 'typeorm';
import type { SpaceQuoteQuery, SpaceQuoteView } from '@salle/contracts';
import type { Access } from '../access/access';
import { TariffEntity } from '../database/entities';
import { quote, tariffOf } from '../domain/pricing';
import { categoryNotAdmitted, priceRefused } from '../errors';
import type { SpaceCatalogue } from './space-catalogue';

/**
 * What a booking of that length would cost that renter category, by the same tariff rules that price the
 * booking itself: the request form states it, with the deposit, before anything is sent.
 */
export async function quoteSpace(
  dataSource: DataSource,
  spaces: SpaceCatalogue,
  spaceId: string,
  query: SpaceQuoteQuery,
  access: Access,
): Promise<SpaceQuoteView> {
  const space = await spaces.findVisible(spaceId, access);
  if (!space.allowedCategories.includes(query.category)) {
    throw categoryNotAdmitted();
  }
  const tariff = tariffOf(await dataSource.getRepository(TariffEntity).findBy({ spaceId: space.id }));
  // A price depends on the length only, never on the day.
  const price = quote(tariff, query.category, new Date(0), new Date(query.durationMinutes * 60_000));
  if (!price.ok) throw priceRefused(price);
  return {
    category: query.category,
    durationMinutes: query.durationMinutes,
    cents: price.totalCents,
    explanation: price.explanation,
    depositCents: price.depositCents ?? 0,
  };
}
