import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { listParam, onlyKnown, stringParam, type Params } from '../engine/params';
import { render } from '../engine/render';
import { randomToken, type StripeObject } from '../engine/sandbox-store';
import { StripeApiError, invalidRequest } from '../engine/stripe-error';
import { apiKeyOf, checkApiVersion } from './api-auth';
import type { ApiCall, SandboxParts } from './api-context';
import type { ApiFault } from './fault-switches';
import { fingerprintOf } from './idempotency-cache';
import { matchesCreated, newestFirst, paginate } from './list-params';

type Handler = (params: Params, call: ApiCall, req: Request) => Record<string, unknown>;

const RETRIEVABLE: [string, string][] = [
  ['payment_intents', 'payment_intent'],
  ['charges', 'charge'],
  ['refunds', 'refund'],
  ['transfers', 'transfer'],
  ['application_fees', 'application_fee'],
  ['disputes', 'dispute'],
  ['payouts', 'payout'],
  ['balance_transactions', 'balance_transaction'],
  ['events', 'event'],
];

function sendStripeError(res: Response, error: StripeApiError, requestId: string): void {
  res.status(error.status).json(error.body(requestId));
}

/**
 * The Stripe API subset the payment service uses, at `/v1`: form-encoded
 * bodies parsed into nested objects (`a[b][0]=c`), `Authorization` and
 * `Stripe-Version` checked, Idempotency-Key semantics, fault injection, and
 * Stripe-shaped errors so the SDK raises its own error classes.
 */
declare module 'express-serve-static-core' {
  // Express's `res.locals`, typed where each entry is written: the first middleware below sets the
  // request id, and the call for every request that reaches a handler.
  interface Locals {
    stripeRequestId: string;
    call: ApiCall;
    /** The fault injected into this request, recorded with it. */
    fault?: ApiFault['kind'];
  }
}

export function stripeApiRoutes(parts: SandboxParts): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: true, limit: '1mb', parameterLimit: 10_000 }));

  router.use((req, res, next) => {
    const requestId = `req_${randomToken(14)}`;
    res.setHeader('request-id', requestId);
    res.setHeader('stripe-version', parts.apiVersion);
    res.locals.stripeRequestId = requestId;
    const startedAt = new Date().toISOString();
    // 'close' rather than 'finish': a request whose connection the sandbox cut is recorded too.
    res.on('close', () => {
      parts.recorder.add({
        id: requestId,
        at: startedAt,
        method: req.method,
        path: req.baseUrl + req.path,
        query: req.query,
        body: req.body ?? {},
        idempotencyKey: req.get('idempotency-key') ?? null,
        stripeAccount: req.get('stripe-account') ?? null,
        stripeVersion: req.get('stripe-version') ?? null,
        status: res.statusCode,
        replayed: res.getHeader('idempotent-replayed') === 'true',
        fault: res.locals.fault ?? null,
      });
    });
    try {
      const apiKey = apiKeyOf(req.get('authorization'), (key) => parts.acceptsKey(key));
      checkApiVersion(req.get('stripe-version'), parts.apiVersion);
      const account = req.get('stripe-account') ?? null;
      if (account) {
        const found = parts.store.find(account);
        if (!found || found.object !== 'account') {
          throw new StripeApiError(
            403,
            'invalid_request_error',
            `The provided key does not have access to account '${account}' (or that account does not exist).`,
            {
              code: 'account_invalid',
            },
          );
        }
      }
      const call: ApiCall = { requestId, apiKey, account, idempotencyKey: req.get('idempotency-key') ?? null };
      res.locals.call = call;
      next();
    } catch (error) {
      next(error);
    }
  });

  const run = (handler: Handler, idempotent: boolean) => async (req: Request, res: Response, next: NextFunction) => {
    const { call } = res.locals;
    const path = req.baseUrl + req.path;
    const params = (req.method === 'GET' ? req.query : (req.body ?? {})) as Params;
    const fault = parts.faults.take(req.method, path);
    if (fault) res.locals.fault = fault.kind;
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'error') {
      res.setHeader('stripe-should-retry', 'true');
      return sendStripeError(
        res,
        new StripeApiError(
          fault.status,
          fault.status >= 500 ? 'api_error' : 'invalid_request_error',
          'Injected failure (stripe-sandbox): the request was not executed.',
        ),
        call.requestId,
      );
    }
    let scope: string | undefined;
    if (idempotent && call.idempotencyKey) {
      if (call.idempotencyKey.length > 255) {
        return next(
          invalidRequest('Idempotency keys can be at most 255 characters long.', undefined, 'idempotency_key_too_long'),
        );
      }
      scope = `${call.apiKey}|${call.account ?? ''}|${call.idempotencyKey}`;
      const decision = parts.idempotency.begin(scope, fingerprintOf(req.method, path, params), call.requestId);
      if (decision.kind === 'mismatch') {
        return sendStripeError(
          res,
          new StripeApiError(
            400,
            'idempotency_error',
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${call.idempotencyKey}' if you meant to execute a different request.`,
          ),
          call.requestId,
        );
      }
      if (decision.kind === 'in_flight') {
        return sendStripeError(
          res,
          new StripeApiError(
            409,
            'idempotency_error',
            'There is currently another in-progress request using this Idempotency Key (that probably means you submitted twice, and the other request is still going through). Please try again later.',
            {
              code: 'idempotency_key_in_use',
            },
          ),
          call.requestId,
        );
      }
      if (decision.kind === 'replay') {
        res.setHeader('idempotent-replayed', 'true');
        res.setHeader('original-request', decision.originalRequest);
        res.status(decision.status).json(decision.body);
        return;
      }
    }
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    try {
      const body = handler(params, call, req);
      if (scope) parts.idempotency.complete(scope, 200, body);
      if (fault?.kind === 'drop_response') {
        req.socket.destroy();
        return;
      }
      res.json(body);
    } catch (error) {
      if (scope) parts.idempotency.abandon(scope);
      next(error);
    }
  };
  const get = (path: string, handler: Handler) => router.get(path, run(handler, false));
  const post = (path: string, handler: Handler) => router.post(path, run(handler, true));
  const expand = (params: Params) => listParam(params, 'expand');
  const ctx = (call: ApiCall) => ({ id: call.requestId, idempotencyKey: call.idempotencyKey });

  post('/accounts', (params) => render(parts.store, parts.accounts.create(params), expand(params)));
  get('/accounts/:id', (params, _call, req) =>
    render(parts.store, parts.store.get(String(req.params['id']), 'account'), expand(params)),
  );
  post('/account_links', (params) => parts.accounts.createLink(params));

  post('/checkout/sessions', (params) => render(parts.store, parts.checkout.create(params), expand(params)));
  get('/checkout/sessions/:id', (params, _call, req) =>
    render(parts.store, parts.checkout.retrieve(String(req.params['id'])), expand(params)),
  );
  post('/checkout/sessions/:id/expire', (params, call, req) => {
    onlyKnown(params, ['expand']);
    return render(parts.store, parts.checkout.expire(String(req.params['id']), ctx(call)), expand(params));
  });

  post('/refunds', (params, call) => {
    const refund = parts.money.refund(params, ctx(call));
    if (refund['status'] === 'pending') parts.later(parts.sepaDelayMs, () => parts.money.completeRefund(refund.id));
    return render(parts.store, refund, expand(params));
  });

  get('/events', (params, call) => {
    onlyKnown(params, [
      'type',
      'types',
      'created',
      'delivery_success',
      'limit',
      'starting_after',
      'ending_before',
      'expand',
    ]);
    const type = stringParam(params, 'type');
    const types = listParam(params, 'types');
    const delivery = stringParam(params, 'delivery_success');
    const matchesType = (eventType: string) => {
      if (types.length) return types.includes(eventType);
      if (!type) return true;
      return type.endsWith('*') ? eventType.startsWith(type.slice(0, -1)) : eventType === type;
    };
    const events = parts.events
      .newestFirst(call.account)
      .filter((event) => matchesType(String(event['type'])))
      .filter((event) => matchesCreated(params, Number(event['created'])))
      .filter((event) => delivery === undefined || (delivery === 'true') === (Number(event['pending_webhooks']) === 0));
    return paginate(events, params, '/v1/events');
  });

  get('/balance_transactions', (params, call) => {
    onlyKnown(params, [
      'payout',
      'source',
      'type',
      'created',
      'currency',
      'limit',
      'starting_after',
      'ending_before',
      'expand',
    ]);
    const payout = stringParam(params, 'payout');
    const source = stringParam(params, 'source');
    const type = stringParam(params, 'type');
    const transactions = newestFirst(parts.store.all('balance_transaction', call.account))
      .filter((txn) => !payout || parts.balance.payoutOf(txn.id) === payout)
      .filter((txn) => !source || txn['source'] === source)
      .filter((txn) => !type || txn['type'] === type)
      .filter((txn) => matchesCreated(params, Number(txn['created'])));
    return paginate(
      transactions.map((txn) =>
        render(
          parts.store,
          txn,
          listParam(params, 'expand').map((path) => path.replace(/^data\./, '')),
        ),
      ),
      params,
      '/v1/balance_transactions',
    );
  });

  for (const [collection, kind] of RETRIEVABLE) {
    get(`/${collection}/:id`, (params, _call, req) =>
      render(parts.store, parts.store.get(String(req.params['id']), kind) as StripeObject, expand(params)),
    );
  }

  router.use((req, res) => {
    sendStripeError(
      res,
      new StripeApiError(
        404,
        'invalid_request_error',
        `Unrecognized request URL (${req.method}: ${req.baseUrl}${req.path}). The stripe-sandbox only emulates the endpoints the payment service uses.`,
      ),
      res.locals.stripeRequestId,
    );
  });
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const requestId = res.locals.stripeRequestId;
    if (error instanceof StripeApiError) return sendStripeError(res, error, requestId);
    const parserError = error as { type?: string };
    if (parserError?.type === 'entity.too.large' || parserError?.type === 'entity.parse.failed') {
      return sendStripeError(res, invalidRequest('The request body could not be parsed.'), requestId);
    }
    sendStripeError(
      res,
      new StripeApiError(500, 'api_error', `Unexpected error in the stripe-sandbox: ${(error as Error)?.message}`),
      requestId,
    );
  });
  return router;
}
