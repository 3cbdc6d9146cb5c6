import type { EventLog } from './event-log';
import {
  booleanParam,
  metadataParam,
  objectParam,
  onlyKnown,
  requiredString,
  stringParam,
  type Params,
} from './params';
import { randomToken, type SandboxStore, type StripeObject } from './sandbox-store';
import { invalidRequest } from './stripe-error';

const ONBOARDING_REQUIREMENTS = [
  'business_profile.name',
  'external_account',
  'representative.first_name',
  'representative.last_name',
  'tos_acceptance.date',
];
const LINK_LIFETIME_SECONDS = 300;

interface AccountLink {
  account: string;
  refreshUrl: string;
  returnUrl: string;
  expiresAt: number;
  used: boolean;
}

interface OnboardingVisit {
  account: string;
  returnUrl: string;
}

export type OnboardingOpening =
  { ok: true; visitId: string; account: StripeObject; returnUrl: string } | { ok: false; redirect: string | null };

/**
 * Connected accounts (v1, configured through controller properties) and
 * their hosted onboarding: single-use account links valid five minutes, and
 * `account.updated` events when requirements and capabilities change.
 */
export class Accounts {
  private readonly links = new Map<string, AccountLink>();
  private readonly visits = new Map<string, OnboardingVisit>();

  constructor(
    private readonly store: SandboxStore,
    private readonly events: EventLog,
    private readonly publicUrl: () => string,
  ) {}

  create(params: Params): StripeObject {
    onlyKnown(params, [
      'country',
      'email',
      'business_type',
      'business_profile',
      'controller',
      'capabilities',
      'metadata',
      'type',
      'default_currency',
      'expand',
    ]);
    const country = stringParam(params, 'country') ?? 'FR';
    if (country !== 'FR') throw invalidRequest('The stripe-sandbox only creates accounts in FR.', 'country');
    const capabilities = objectParam(params, 'capabilities') ?? {};
    onlyKnown(capabilities, ['transfers', 'card_payments'], 'capabilities');
    const transfers = objectParam(capabilities, 'transfers', 'capabilities');
    const profile = objectParam(params, 'business_profile') ?? {};
    onlyKnown(profile, ['name', 'url', 'mcc', 'product_description'], 'business_profile');
    const controller = objectParam(params, 'controller') ?? null;
    const now = this.store.now();
    const account: StripeObject = {
      id: this.store.newId('acct'),
      object: 'account',
      business_profile: { name: stringParam(profile, 'name', 'business_profile') ?? null, url: null, mcc: null },
      business_type: stringParam(params, 'business_type') ?? null,
      capabilities: booleanParam(transfers ?? {}, 'requested', 'capabilities[transfers]')
        ? { transfers: 'inactive' }
        : {},
      charges_enabled: false,
      controller,
      country,
      created: now,
      default_currency: 'eur',
      details_submitted: false,
      email: stringParam(params, 'email') ?? null,
      external_accounts: { object: 'list', data: [], has_more: false, url: '/v1/accounts/external_accounts' },
      metadata: metadataParam(params),
      payouts_enabled: false,
      requirements: this.requirements(ONBOARDING_REQUIREMENTS),
      tos_acceptance: { date: null },
      type: stringParam(params, 'type') ?? 'none',
    };
    return this.store.put(account);
  }

  createLink(params: Params): Record<string, unknown> {
    onlyKnown(params, ['account', 'type', 'refresh_url', 'return_url', 'collect', 'collection_options']);
    const accountId = requiredString(params, 'account');
    this.store.get(accountId, 'account', 'account');
    const type = requiredString(params, 'type');
    if (type !== 'account_onboarding' && type !== 'account_update') {
      throw invalidRequest(`Invalid type: must be one of account_onboarding or account_update`, 'type');
    }
    const refreshUrl = requiredString(params, 'refresh_url');
    const returnUrl = requiredString(params, 'return_url');
    for (const [name, value] of [
      ['refresh_url', refreshUrl],
      ['return_url', returnUrl],
    ] as const) {
      if (!/^https?:\/\//.test(value)) throw invalidRequest(`Not a valid URL`, name, 'url_invalid');
    }
    const now = this.store.now();
    const token = randomToken(32);
    this.links.set(token, {
      account: accountId,
      refreshUrl,
      returnUrl,
      expiresAt: now + LINK_LIFETIME_SECONDS,
      used: false,
    });
    return {
      object: 'account_link',
      created: now,
      expires_at: now + LINK_LIFETIME_SECONDS,
      url: `${this.publicUrl()}/connect/onboarding/${token}`,
    };
  }

  /** A visit of an account link: single use, then the browser is sent to `refresh_url`. */
  open(token: string): OnboardingOpening {
    const link = this.links.get(token);
    if (!link) return { ok: false, redirect: null };
    if (link.used || link.expiresAt < this.store.now()) return { ok: false, redirect: link.refreshUrl };
    link.used = true;
    const visitId = randomToken(32);
    this.visits.set(visitId, { account: link.account, returnUrl: link.returnUrl });
    return { ok: true, visitId, account: this.store.get(link.account, 'account'), returnUrl: link.returnUrl };
  }

  /** The form of a visit was sent: returns where the browser goes next. */
  submit(visitId: string, complete: boolean): string | null {
    const visit = this.visits.get(visitId);
    if (!visit) return null;
    this.visits.delete(visitId);
    if (complete) this.complete(visit.account);
    else this.update(visit.account, { details_submitted: true, requirements: this.requirements(['external_account']) });
    return visit.returnUrl;
  }

  /** Onboarding done: transfers active, payouts enabled. */
  complete(accountId: string): StripeObject {
    const account = this.store.get(accountId, 'account');
    return this.update(accountId, {
      capabilities: { ...(account['capabilities'] as object), transfers: 'active' },
      details_submitted: true,
      payouts_enabled: true,
      requirements: this.requirements([]),
      tos_acceptance: { date: this.store.now() },
      external_accounts: {
        object: 'list',
        data: [
          {
            id: this.store.newId('ba'),
            object: 'bank_account',
            account: accountId,
            bank_name: 'DGFIP (bac à sable)',
            country: 'FR',
            currency: 'eur',
            last4: '0123',
            status: 'new',
          },
        ],
        has_more: false,
        url: `/v1/accounts/${accountId}/external_accounts`,
      },
    });
  }

  /** Stripe needs more information: transfers and payouts stop. */
  restrict(accountId: string): StripeObject {
    const account = this.store.get(accountId, 'account');
    return this.update(accountId, {
      capabilities: { ...(account['capabilities'] as object), transfers: 'inactive' },
      payouts_enabled: false,
      requirements: {
        ...this.requirements(['representative.verification.document']),
        disabled_reason: 'requirements.past_due',
      },
    });
  }

  private update(accountId: string, changes: Record<string, unknown>): StripeObject {
    const account = this.store.get(accountId, 'account');
    const previous: Record<string, unknown> = {};
    for (const key of Object.keys(changes)) previous[key] = account[key];
    Object.assign(account, changes);
    this.events.emit('account.updated', account, { account: accountId, previous });
    return account;
  }

  private requirements(due: string[]) {
    return {
      alternatives: [],
      current_deadline: null,
      currently_due: due,
      disabled_reason: due.length ? 'requirements.past_due' : null,
      errors: [],
      eventually_due: due,
      past_due: due,
      pending_verification: [],
    };
  }
}
