import type { SandboxStore, StripeObject } from './sandbox-store';
import { invalidRequest } from './stripe-error';

/** Lists Stripe embeds in some objects, computed from the store when rendered. */
const EMBEDDED_LISTS: Record<string, { field: string; kind: string; link: string; always: boolean }[]> = {
  charge: [{ field: 'refunds', kind: 'refund', link: 'charge', always: false }],
  transfer: [{ field: 'reversals', kind: 'transfer_reversal', link: 'transfer', always: true }],
  application_fee: [{ field: 'refunds', kind: 'fee_refund', link: 'fee', always: true }],
};

function listOf(data: unknown[], url: string) {
  return { object: 'list', data, has_more: false, url };
}

/**
 * The API view of an object with the `expand[]` paths applied: an id in an
 * expandable field becomes the object, recursively (`payment_intent.latest_charge`).
 * Stripe allows four levels; so does the sandbox.
 */
export function render(
  store: SandboxStore,
  object: StripeObject,
  expand: string[] = [],
  depth = 0,
): Record<string, unknown> {
  const view: Record<string, unknown> = { ...object };
  const byHead = new Map<string, string[]>();
  for (const path of expand) {
    const [head, ...rest] = path.split('.');
    if (!head) continue;
    if (depth + path.split('.').length > 4) {
      throw invalidRequest(`You cannot expand more than 4 levels of a property. Property: ${path}`, 'expand');
    }
    const tails = byHead.get(head) ?? [];
    if (rest.length) tails.push(rest.join('.'));
    byHead.set(head, tails);
  }

  for (const list of EMBEDDED_LISTS[object.object] ?? []) {
    if (!list.always && !byHead.has(list.field)) continue;
    const items = store
      .all(list.kind)
      .filter((item) => item[list.link] === object.id)
      .sort((a, b) => Number(b['created']) - Number(a['created']));
    const tails = byHead.get(list.field) ?? [];
    view[list.field] = listOf(
      items.map((item) => render(store, item, tails, depth + 1)),
      `/v1/${object.object}s/${object.id}/${list.field}`,
    );
    byHead.delete(list.field);
  }

  for (const [head, tails] of byHead) {
    const value = view[head];
    if (value === undefined) {
      throw invalidRequest(`This property cannot be expanded (${head}).`, 'expand');
    }
    if (typeof value === 'string') {
      const target = store.find(value);
      if (target) view[head] = render(store, target, tails, depth + 1);
    }
  }
  return view;
}
