import { integerParam, objectParam, stringParam, type Params } from '../engine/params';
import type { StripeObject } from '../engine/sandbox-store';
import { invalidRequest } from '../engine/stripe-error';

/** `created=123` or `created[gt]=123&created[lte]=456`. */
export function matchesCreated(params: Params, created: number): boolean {
  const exact = params['created'];
  if (typeof exact === 'string') return created === Number(exact);
  const range = objectParam(params, 'created');
  if (!range) return true;
  const bound = (name: string) => integerParam(range, name, 'created');
  const gt = bound('gt');
  const gte = bound('gte');
  const lt = bound('lt');
  const lte = bound('lte');
  return (
    (gt === undefined || created > gt) &&
    (gte === undefined || created >= gte) &&
    (lt === undefined || created < lt) &&
    (lte === undefined || created <= lte)
  );
}

/** Cursor pagination as Stripe does it, over items already sorted newest first. */
export function paginate(items: Record<string, unknown>[], params: Params, url: string) {
  const limit = integerParam(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest('This value must be between 1 and 100.', 'limit');
  let window = items;
  const after = stringParam(params, 'starting_after');
  const before = stringParam(params, 'ending_before');
  if (after) {
    const index = items.findIndex((item) => item['id'] === after);
    if (index < 0) throw invalidRequest(`No such object: '${after}'`, 'starting_after', 'resource_missing');
    window = items.slice(index + 1);
  } else if (before) {
    const index = items.findIndex((item) => item['id'] === before);
    if (index < 0) throw invalidRequest(`No such object: '${before}'`, 'ending_before', 'resource_missing');
    window = items.slice(Math.max(0, index - limit), index);
    return { object: 'list', data: window, has_more: index - limit > 0, url };
  }
  return { object: 'list', data: window.slice(0, limit), has_more: window.length > limit, url };
}

/** Newest first, ties kept in reverse creation order. */
export function newestFirst(objects: StripeObject[]): StripeObject[] {
  return objects
    .map((object, index) => ({ object, index }))
    .sort((a, b) => Number(b.object['created']) - Number(a.object['created']) || b.index - a.index)
    .map(({ object }) => object);
}
