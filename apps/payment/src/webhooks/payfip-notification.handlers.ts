import type { PaymentHandlers } from '../access/access-policy';
import { payfipNotificationMalformed } from '../errors';
import { notifiedIdOp } from '../provider/payfip/payfip-notification';
import type { PayfipWakeUp } from '../settlement/payfip-wake-up';

/** The form body as sent (`idop=…`); anything unreadable counts as no idOp. */
function formBody(raw: unknown): Record<string, string> {
  if (!Buffer.isBuffer(raw) || raw.length === 0) return {};
  return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
}

/**
 * `POST|GET /webhooks/payfip`: PayFiP's `urlnotif`. Every notification is recorded; only an idOp of an
 * operation still in progress leads to a read-back. Answered 200 whatever it named, so that the answer
 * tells a stranger nothing about which idOps exist.
 */
export function payfipNotificationHandlers(
  wakeUp: PayfipWakeUp,
): Pick<PaymentHandlers, 'payfipNotification' | 'payfipNotificationByGet'> {
  const receive = async (...sources: unknown[]) => {
    const outcome = await wakeUp.receive(notifiedIdOp(...sources));
    if (outcome === 'malformed') throw payfipNotificationMalformed();
    return { received: true as const };
  };
  return {
    payfipNotification: {
      access: 'anyone',
      rawBody: { limit: '4kb' },
      handle: ({ body }, { request }) => receive(request.query, formBody(body)),
    },
    payfipNotificationByGet: {
      access: 'anyone',
      handle: ({ query }) => receive(query),
    },
  };
}
