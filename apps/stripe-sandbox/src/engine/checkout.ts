import type { EventLog, RequestContext } from './event-log';
import type { Money } from './money';
import {
  integerParam,
  metadataParam,
  objectParam,
  onlyKnown,
  requiredString,
  stringParam,
  type Params,
} from './params';
import type { SandboxStore, StripeObject } from './sandbox-store';
import { invalidRequest, resourceMissing } from './stripe-error';

const MIN_HOLD_SECONDS = 30 * 60;
const MAX_HOLD_SECONDS = 24 * 60 * 60;
/** Stripe's minimum charge in EUR. */
const MIN_AMOUNT = 50;

interface LineItem {
  name: string;
  unitAmount: number;
  quantity: number;
}

interface SessionExtras {
  lineItems: LineItem[];
  intent: {
    applicationFee: number | null;
    destination: string | null;
    transferGroup: string | null;
    metadata: Record<string, string>;
    description: string | null;
  };
}

/** What the hosted page shows. */
export interface CheckoutView {
  session: StripeObject;
  lineItems: LineItem[];
  lastError: string | null;
}

export type PaymentAttempt =
  | { outcome: 'paid'; redirect: string }
  | { outcome: 'processing'; redirect: string }
  | { outcome: 'declined'; message: string }
  | { outcome: 'closed'; message: string };

/** Test cards: the numbers Stripe documents for these outcomes. */
export const TEST_CARDS: Record<
  string,
  { outcome: 'success' } | { outcome: 'decline'; declineCode: string; message: string }
> = {
  '4242424242424242': { outcome: 'success' },
  '4000000000000002': { outcome: 'decline', declineCode: 'generic_decline', message: 'Votre carte a été refusée.' },
  '4000000000009995': {
    outcome: 'decline',
    declineCode: 'insufficient_funds',
    message: 'Votre carte a été refusée : fonds insuffisants.',
  },
};

/** Test IBANs (France) for SEPA Direct Debit: settled or failed after the SEPA delay. */
export const TEST_IBANS: Record<string, 'success' | 'failure'> = {
  FR1420041010050500013M02606: 'success',
  FR3020041010050500013M02609: 'failure',
};

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

/**
 * Checkout Sessions in `payment` mode with a destination charge, their hosted
 * page's outcomes (paid by card, processing then settled by SEPA debit,
 * declined, expired) and the events Stripe sends for each.
 */
export class Checkout {
  private readonly extras = new Map<string, SessionExtras>();
  private readonly lastErrors = new Map<string, string>();
  /** Payment intent id -> IBAN of its pending debit. */
  private readonly debits = new Map<string, string>();

  constructor(
    private readonly store: SandboxStore,
    private readonly events: EventLog,
    private readonly money: Money,
    private readonly publicUrl: () => string,
  ) {}

  create(params: Params): StripeObject {
    onlyKnown(params, [
      'mode',
      'line_items',
      'success_url',
      'cancel_url',
      'client_reference_id',
      'metadata',
      'expires_at',
      'payment_intent_data',
      'locale',
      'customer_email',
      'expand',
      'submit_type',
      'ui_mode',
      'allowed_payment_method_types',
      'excluded_payment_method_types',
    ]);
    const mode = requiredString(params, 'mode');
    if (mode !== 'payment') throw invalidRequest('The stripe-sandbox only supports mode=payment.', 'mode');
    const uiMode = stringParam(params, 'ui_mode') ?? 'hosted_page';
    if (uiMode !== 'hosted_page')
      throw invalidRequest('The stripe-sandbox only supports the hosted page (ui_mode=hosted_page).', 'ui_mode');
    const lineItems = this.lineItems(params);
    const amount = lineItems.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);
    if (amount < MIN_AMOUNT)
      throw invalidRequest(
        "The Checkout Session's total amount due must add up to at least €0.50 eur",
        'line_items',
        'amount_too_small',
      );
    const successUrl = requiredString(params, 'success_url');
    const cancelUrl = stringParam(params, 'cancel_url') ?? null;
    for (const [name, value] of [
      ['success_url', successUrl],
      ['cancel_url', cancelUrl],
    ] as const) {
      if (value !== null && !/^https?:\/\/[^\s]+$/.test(value))
        throw invalidRequest('Not a valid URL', name, 'url_invalid');
    }
    const now = this.store.now();
    const expiresAt = integerParam(params, 'expires_at') ?? now + MAX_HOLD_SECONDS;
    // A few seconds of slack for the caller's clock, as a 30-minute hold computed at "now" must pass.
    if (expiresAt < now + MIN_HOLD_SECONDS - 10) {
      throw invalidRequest(
        'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
        'expires_at',
      );
    }
    if (expiresAt > now + MAX_HOLD_SECONDS) {
      throw invalidRequest(
        'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
        'expires_at',
      );
    }
    const intent = this.intentData(params, amount);
    const id = this.store.newId('cs_test');
    const session: StripeObject = {
      id,
      object: 'checkout.session',
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: cancelUrl,
      client_reference_id: stringParam(params, 'client_reference_id') ?? null,
      created: now,
      currency: 'eur',
      customer_email: stringParam(params, 'customer_email') ?? null,
      expires_at: expiresAt,
      livemode: false,
      locale: stringParam(params, 'locale') ?? null,
      metadata: metadataParam(params),
      mode: 'payment',
      payment_intent: null,
      payment_method_types: ['card', 'sepa_debit'],
      payment_status: 'unpaid',
      status: 'open',
      success_url: successUrl,
      ui_mode: 'hosted_page',
      url: `${this.publicUrl()}/checkout/${id}`,
    };
    this.extras.set(id, { lineItems, intent });
    return this.store.put(session);
  }

  /** The session, expired first if its hold elapsed (Stripe expires them within minutes; the sandbox at the first look). */
  retrieve(id: string): StripeObject {
    const session = this.store.get(id, 'checkout.session');
    if (session['status'] === 'open' && Number(session['expires_at']) <= this.store.now())
      this.expireSession(session, null);
    return session;
  }

  expire(id: string, request: RequestContext | null): StripeObject {
    const session = this.retrieve(id);
    if (session['status'] !== 'open') {
      throw invalidRequest(
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(session['status'])}".`,
        undefined,
        'checkout_session_not_expirable',
      );
    }
    return this.expireSession(session, request);
  }

  /** Expires every open session whose hold elapsed. */
  expireDue(): void {
    const now = this.store.now();
    for (const session of this.store.all('checkout.session')) {
      if (session['status'] === 'open' && Number(session['expires_at']) <= now) this.expireSession(session, null);
    }
  }

  view(id: string): CheckoutView | undefined {
    const session = this.store.find(id);
    if (!session || session.object !== 'checkout.session') return undefined;
    this.retrieve(id);
    return { session, lineItems: this.extras.get(id)?.lineItems ?? [], lastError: this.lastErrors.get(id) ?? null };
  }

  payByCard(id: string, rawNumber: string): PaymentAttempt {
    const closed = this.closedReason(id);
    if (closed) return { outcome: 'closed', message: closed };
    const session = this.store.get(id, 'checkout.session');
    const number = rawNumber.replace(/[\s-]/g, '');
    const card = TEST_CARDS[number];
    if (!card) {
      const message =
        luhn(number) && /^\d+$/.test(number)
          ? 'Carte inconnue du bac à sable : utilisez une des cartes de test.'
          : 'Le numéro de carte est invalide.';
      this.lastErrors.set(id, message);
      return { outcome: 'declined', message };
    }
    const intent = this.intentFor(session, 'card');
    if (card.outcome === 'decline') {
      intent['status'] = 'requires_payment_method';
      intent['last_payment_error'] = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: card.declineCode,
        message: 'Your card was declined.',
      };
      this.events.emit('payment_intent.payment_failed', intent);
      this.lastErrors.set(id, card.message);
      return { outcome: 'declined', message: card.message };
    }
    this.lastErrors.delete(id);
    const charge = this.money.settle(intent, 'card', number.slice(-4));
    Object.assign(session, { status: 'complete', payment_status: 'paid' });
    this.events.emit('payment_intent.succeeded', intent);
    this.events.emit('charge.succeeded', charge);
    this.events.emit('checkout.session.completed', session);
    return { outcome: 'paid', redirect: this.successRedirect(session) };
  }

  /** A SEPA debit: the session completes unpaid, the funds arrive (or not) later through `settleDebit`. */
  payBySepa(id: string, rawIban: string): PaymentAttempt {
    const closed = this.closedReason(id);
    if (closed) return { outcome: 'closed', message: closed };
    const session = this.store.get(id, 'checkout.session');
    const iban = rawIban.replace(/\s/g, '').toUpperCase();
    if (!TEST_IBANS[iban]) {
      const message = 'IBAN inconnu du bac à sable : utilisez un des IBAN de test.';
      this.lastErrors.set(id, message);
      return { outcome: 'declined', message };
    }
    const intent = this.intentFor(session, 'sepa_debit');
    intent['status'] = 'processing';
    this.debits.set(intent.id, iban);
    this.lastErrors.delete(id);
    Object.assign(session, { status: 'complete', payment_status: 'unpaid' });
    this.events.emit('payment_intent.processing', intent);
    this.events.emit('checkout.session.completed', session);
    return { outcome: 'processing', redirect: this.successRedirect(session) };
  }

  /** The bank answered for a SEPA debit. Returns false when nothing was processing. */
  settleDebit(id: string, forced?: 'success' | 'failure'): boolean {
    const session = this.store.get(id, 'checkout.session');
    const intentId = session['payment_intent'] as string | null;
    const intent = intentId ? this.store.find(intentId) : undefined;
    if (!intent || intent['status'] !== 'processing') return false;
    const iban = this.debits.get(intent.id) ?? '';
    const outcome = forced ?? TEST_IBANS[iban] ?? 'success';
    this.debits.delete(intent.id);
    if (outcome === 'success') {
      const charge = this.money.settle(intent, 'sepa_debit', iban.slice(-4));
      session['payment_status'] = 'paid';
      this.events.emit('payment_intent.succeeded', intent);
      this.events.emit('charge.succeeded', charge);
      this.events.emit('checkout.session.async_payment_succeeded', session);
    } else {
      intent['status'] = 'requires_payment_method';
      intent['last_payment_error'] = {
        type: 'card_error',
        code: 'payment_method_provider_decline',
        message: 'The debit was refused by the bank (insufficient funds).',
      };
      this.events.emit('payment_intent.payment_failed', intent);
      this.events.emit('checkout.session.async_payment_failed', session);
    }
    return true;
  }

  cancelRedirect(id: string): string | null {
    const session = this.store.find(id);
    return session && session.object === 'checkout.session' ? ((session['cancel_url'] as string | null) ?? null) : null;
  }

  /** Expires a session now, whatever its `expires_at` (the hold elapsed: a test shortcut). */
  expireNow(id: string): StripeObject {
    const session = this.store.get(id, 'checkout.session');
    if (session['status'] !== 'open')
      throw invalidRequest(`This Checkout Session is ${String(session['status'])}, not open.`);
    return this.expireSession(session, null);
  }

  private expireSession(session: StripeObject, request: RequestContext | null): StripeObject {
    session['status'] = 'expired';
    const intentId = session['payment_intent'] as string | null;
    const intent = intentId ? this.store.find(intentId) : undefined;
    if (intent && intent['status'] === 'requires_payment_method') intent['status'] = 'canceled';
    this.events.emit('checkout.session.expired', session, { request });
    return session;
  }

  private closedReason(id: string): string | null {
    const view = this.view(id);
    if (!view) return 'Session de paiement inconnue.';
    const status = view.session['status'];
    if (status === 'expired') return 'Cette session de paiement a expiré : le créneau a été libéré.';
    if (status === 'complete') return 'Cette session de paiement est déjà terminée.';
    return null;
  }

  private intentFor(session: StripeObject, method: 'card' | 'sepa_debit'): StripeObject {
    const existing = session['payment_intent'] as string | null;
    if (existing) {
      const intent = this.store.get(existing, 'payment_intent');
      intent['payment_method_types'] = [method];
      return intent;
    }
    const extras = this.extras.get(session.id);
    if (!extras) throw resourceMissing('checkout.session', session.id);
    const intent = this.store.put({
      id: this.store.newId('pi'),
      object: 'payment_intent',
      amount: session['amount_total'],
      amount_received: 0,
      application_fee_amount: extras.intent.applicationFee,
      created: this.store.now(),
      currency: 'eur',
      description: extras.intent.description,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: extras.intent.metadata,
      payment_method_types: [method],
      status: 'requires_payment_method',
      transfer_data: extras.intent.destination ? { destination: extras.intent.destination } : null,
      transfer_group: extras.intent.transferGroup,
    });
    session['payment_intent'] = intent.id;
    return intent;
  }

  private successRedirect(session: StripeObject): string {
    return String(session['success_url']).replace('{CHECKOUT_SESSION_ID}', session.id);
  }

  private lineItems(params: Params): LineItem[] {
    const raw = params['line_items'];
    const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw) : [];
    if (list.length === 0)
      throw invalidRequest('Missing required param: line_items.', 'line_items', 'parameter_missing');
    return list.map((entry, index) => {
      const prefix = `line_items[${index}]`;
      if (!entry || typeof entry !== 'object') throw invalidRequest('Invalid object', prefix);
      const item = entry as Params;
      onlyKnown(item, ['price_data', 'quantity'], prefix);
      const quantity = integerParam(item, 'quantity', prefix) ?? 1;
      if (quantity < 1) throw invalidRequest('This value must be greater than or equal to 1.', `${prefix}[quantity]`);
      const price = objectParam(item, 'price_data', prefix);
      if (!price)
        throw invalidRequest(
          `Missing required param: ${prefix}[price_data].`,
          `${prefix}[price_data]`,
          'parameter_missing',
        );
      onlyKnown(price, ['currency', 'unit_amount', 'product_data'], `${prefix}[price_data]`);
      if (requiredString(price, 'currency', `${prefix}[price_data]`) !== 'eur') {
        throw invalidRequest('The stripe-sandbox only accepts eur.', `${prefix}[price_data][currency]`);
      }
      const unitAmount = integerParam(price, 'unit_amount', `${prefix}[price_data]`);
      if (unitAmount === undefined || unitAmount < 0) {
        throw invalidRequest(
          `Missing required param: ${prefix}[price_data][unit_amount].`,
          `${prefix}[price_data][unit_amount]`,
          'parameter_missing',
        );
      }
      const product = objectParam(price, 'product_data', `${prefix}[price_data]`) ?? {};
      onlyKnown(product, ['name', 'description'], `${prefix}[price_data][product_data]`);
      return { name: requiredString(product, 'name', `${prefix}[price_data][product_data]`), unitAmount, quantity };
    });
  }

  private intentData(params: Params, amount: number): SessionExtras['intent'] {
    const data = objectParam(params, 'payment_intent_data') ?? {};
    const prefix = 'payment_intent_data';
    onlyKnown(
      data,
      [
        'application_fee_amount',
        'transfer_data',
        'transfer_group',
        'metadata',
        'description',
        'receipt_email',
        'statement_descriptor_suffix',
      ],
      prefix,
    );
    const transfer = objectParam(data, 'transfer_data', prefix);
    if (transfer) onlyKnown(transfer, ['destination'], `${prefix}[transfer_data]`);
    const destination = transfer ? requiredString(transfer, 'destination', `${prefix}[transfer_data]`) : null;
    const applicationFee = integerParam(data, 'application_fee_amount', prefix) ?? null;
    if (applicationFee !== null) {
      if (!destination) {
        throw invalidRequest(
          'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
          `${prefix}[application_fee_amount]`,
        );
      }
      if (applicationFee < 0 || applicationFee > amount) {
        throw invalidRequest(
          'The application fee amount cannot be negative or greater than the total amount.',
          `${prefix}[application_fee_amount]`,
        );
      }
    }
    if (destination) {
      const account = this.store.find(destination);
      if (!account || account.object !== 'account')
        throw resourceMissing('account', destination, `${prefix}[transfer_data][destination]`);
      if ((account['capabilities'] as Record<string, string>)['transfers'] !== 'active') {
        throw invalidRequest(
          'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
          `${prefix}[transfer_data][destination]`,
          'insufficient_capabilities_for_transfer',
        );
      }
    }
    return {
      applicationFee,
      destination,
      transferGroup: stringParam(data, 'transfer_group', prefix) ?? null,
      metadata: metadataParam(data, prefix),
      description: stringParam(data, 'description', prefix) ?? null,
    };
  }
}
