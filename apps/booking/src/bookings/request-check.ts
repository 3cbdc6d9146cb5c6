import type { PublicPayer, RequestBooking } from '@salle/contracts';
import { invalidFields } from '@salle/http';
import { calendarOf } from '../availability/school-calendar';
import { rulesValidOn, spaceTimeStep, toOpeningRules } from '../availability/space-rules';
import { checkSlot } from '../domain/availability';
import { quote, tariffOf, type PriceQuote } from '../domain/pricing';
import { checkPublicPayer } from '../domain/public-payer';
import { localDateOf } from '../domain/time';
import { organisationNotFound, priceRefused, slotNotOffered } from '../errors';
import { checkOrganisationMayBook, checkSpaceTakesRequests, type Submitted } from './booking-parties';
import type { RequestedEstablishment, RequestedSpace, RequestingOrganisation, RequestParties } from './request-parties';

/** A one-off request that passed every check, with its price and its public payer's identifiers. */
export interface CheckedRequest {
  organisation: RequestingOrganisation;
  space: RequestedSpace;
  establishment: RequestedEstablishment;
  price: Extract<PriceQuote, { ok: true }>;
  payer: PublicPayer | null;
}

/**
 * Checks a one-off request against its loaded parties, in the order callers
 * see the refusals: the organisation (known, verified or vouched for by the staff entering it, insured), the space
 * and its collège (open, admitting the category), the slot against the
 * opening rules, closures and school calendar, the price, the public payer.
 * Plain function: throws the service's errors, reads nothing.
 */
export function checkRequest(
  parties: RequestParties,
  input: Pick<RequestBooking, 'startsAt' | 'endsAt' | 'publicPayer'>,
  now: Date,
  submitted: Submitted,
): CheckedRequest {
  const { organisation, rules, closures, tariffs } = parties;
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (!organisation) throw organisationNotFound();
  checkOrganisationMayBook(organisation, endsAt, submitted);
  const { space, establishment } = checkSpaceTakesRequests(parties.space, parties.establishment, organisation);
  const openingRules = {
    ...toOpeningRules(space, rulesValidOn(rules, localDateOf(startsAt)), closures),
    timeStep: spaceTimeStep(space, rules),
  };
  const check = checkSlot(openingRules, calendarOf(establishment), startsAt, endsAt, { now });
  if (!check.ok) throw slotNotOffered(check.reasons);
  const price = quote(tariffOf(tariffs), organisation.kind, startsAt, endsAt);
  if (!price.ok) throw priceRefused(price);
  const payer = checkPublicPayer(organisation.kind, price.totalCents, input.publicPayer);
  if (!payer.ok) invalidFields(payer.errors);
  return { organisation, space, establishment, price, payer: payer.payer };
}
