// Whole-journey benchmark: complete journeys through the gateway, as people
// make them, by BENCH_USERS concurrent users (default 8), BENCH_JOURNEYS in
// all (default 64), at the Isère seed:
//
//   1. login: FranceConnect on the identity sandbox (the test identity), a session of its own;
//   2. search: the free slots of the collège's commune on the slot's day;
//   3. request: POST /bookings on a distinct free hour of a space whose requests the collège approves;
//   4. approval: the collège's ProConnect agent approves it;
//   5. payment: the checkout, opened once payment has heard of the approval
//      (booking.approved), paid by card on the stripe-sandbox's page;
//   6. confirmation: the booking seen `confirmed`, which booking learns from
//      payment.succeeded (the sandbox's webhook to payment, then the event).
//
//   npm run bench:journey
//
// Environment: DATABASE_URL (admin connection; a scratch database is created
// and dropped), REDIS_URL, BENCH_USERS, BENCH_JOURNEYS.
//
// Prints journeys per second, each step's p50/p99 and total time, and names
// the bottleneck: the step with the largest total time. The baseline of the
// same run: the gateway's /healthz round trip, sequential.
import { Client } from 'pg';
import { STRIPE_SANDBOX_DEFAULTS } from '@salle/contracts';
import {
  type Browser,
  franceconnectLogin,
  freeSlots,
  giveAssociation,
  load,
  ms,
  percentile,
  proconnectLogin,
  say,
  startIsereStack,
  timed,
  type Slot,
} from '../isere-stack/stack';

const users = Number(process.env['BENCH_USERS'] ?? 8);
const journeys = Number(process.env['BENCH_JOURNEYS'] ?? 64);
const STEPS = ['login', 'search', 'request', 'approval', 'payment', 'confirmation'] as const;
type Step = (typeof STEPS)[number];
/** The collège whose agent the sandbox offers (Claire MARTIN manages it through its SIRET). */
const COLLEGE_UAI = '0382111N';
const POLL_MS = 20;

interface College {
  id: string;
  communeInsee: string;
}

/** A call through the gateway as the person of `browser`, with the headers the web app sends; the JSON answer. */
async function api<T>(browser: Browser, gatewayUrl: string, method: string, path: string, body?: unknown) {
  const response = await browser.request(`${gatewayUrl}/api${path}`, {
    method,
    headers: {
      origin: gatewayUrl,
      'x-requested-with': 'fetch',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

async function until<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await attempt();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The collège's payout account opened and onboarded on the sandbox, and booking told so (payout_ready). */
async function collegeTakesPayments(gatewayUrl: string, stripeUrl: string, manager: Browser, college: College) {
  const opened = await api<{ accountId: string }>(
    manager,
    gatewayUrl,
    'POST',
    `/payment/establishments/${college.id}/payout-account`,
    { displayName: 'Collège Champollion' },
  );
  if (opened.status !== 201) throw new Error(`payout account: ${opened.status} ${JSON.stringify(opened.body)}`);
  const onboarded = await fetch(`${stripeUrl}/_sandbox/accounts/${opened.body.accountId}/complete-onboarding`, {
    method: 'POST',
    headers: { authorization: `Bearer ${STRIPE_SANDBOX_DEFAULTS.secretKey}` },
  });
  if (!onboarded.ok) throw new Error(`onboarding: ${onboarded.status}`);
  await until('booking to learn that the collège takes payments', async () => {
    const seen = await api<{ payoutReady: boolean }>(
      manager,
      gatewayUrl,
      'GET',
      `/booking/establishments/${college.id}`,
    );
    return seen.body.payoutReady ? true : undefined;
  });
}

/** Pays the checkout on the sandbox's page as a person would: the card form, then the redirects back. */
async function payOnSandbox(browser: Browser, checkoutUrl: string): Promise<void> {
  const page = await browser.follow(new URL(checkoutUrl));
  const html = await page.response.text();
  const action = /<form method="post" action="([^"]+\/pay)">\s*<input type="hidden" name="method" value="card">/.exec(
    html,
  )?.[1];
  if (!action) throw new Error(`no card form on the checkout page: ${html.slice(0, 300)}`);
  const paid = await browser.follow(new URL(action, page.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      method: 'card',
      cardNumber: '4242424242424242',
      expiry: '12/34',
      cvc: '123',
      holder: 'Banc d’essai',
    }).toString(),
  });
  await paid.response.arrayBuffer();
}

class StepTimes {
  readonly times = new Map<Step, number[]>(STEPS.map((step) => [step, []]));

  async time<T>(step: Step, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await work();
    this.times.get(step)?.push(performance.now() - started);
    return result;
  }

  total(step: Step): number {
    return (this.times.get(step) ?? []).reduce((sum, value) => sum + value, 0);
  }
}

/** One complete journey on `slot`; each step's time goes to `steps`. */
async function journey(
  stack: { gatewayUrl: string },
  manager: Browser,
  college: College,
  organisationId: string,
  slot: Slot,
  steps: StepTimes,
): Promise<void> {
  const { gatewayUrl } = stack;
  const member = await steps.time('login', () => franceconnectLogin(gatewayUrl));
  const day = slot.startsAt.slice(0, 10);
  const query = new URLSearchParams({ from: day, to: day, durationMinutes: '60', communeInsee: college.communeInsee });
  await steps.time('search', async () => {
    const found = await api(member, gatewayUrl, 'GET', `/booking/search?${query}`);
    if (found.status !== 200) throw new Error(`search: ${found.status}`);
  });
  const booking = await steps.time('request', async () => {
    const body = { ...slot, organisationId, purpose: 'Répétition de la chorale' };
    const made = await api<{ id: string }>(member, gatewayUrl, 'POST', '/booking/bookings', body);
    if (made.status !== 201) throw new Error(`request: ${made.status} ${JSON.stringify(made.body)}`);
    return made.body;
  });
  await steps.time('approval', async () => {
    const approved = await api(manager, gatewayUrl, 'POST', `/booking/bookings/${booking.id}/approve`, {});
    if (approved.status !== 200) throw new Error(`approval: ${approved.status} ${JSON.stringify(approved.body)}`);
  });
  await steps.time('payment', async () => {
    // Payment opens the checkout once booking.approved has reached it: until then it answers 404 or 409.
    const checkout = await until('the checkout', async () => {
      const opened = await api<{ checkoutUrl: string }>(
        member,
        gatewayUrl,
        'POST',
        `/payment/bookings/${booking.id}/checkout`,
        {},
      );
      if (opened.status === 201 || opened.status === 200) return opened.body;
      if (opened.status !== 404 && opened.status !== 409) throw new Error(`checkout: ${opened.status}`);
      return undefined;
    });
    await payOnSandbox(member, checkout.checkoutUrl);
  });
  await steps.time('confirmation', () =>
    until('the booking confirmed', async () => {
      const seen = await api<{ status: string }>(member, gatewayUrl, 'GET', `/booking/bookings/${booking.id}`);
      return seen.body.status === 'confirmed' ? true : undefined;
    }),
  );
}

async function main() {
  const stack = await startIsereStack('journey', { payments: true });
  const { databaseUrl, gatewayUrl, stripeSandboxUrl } = stack;
  try {
    if (!stripeSandboxUrl) throw new Error('the stack has no stripe-sandbox');
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const setUp = await (async () => {
      try {
        const {
          rows: [college],
        } = await client.query<College>(
          `SELECT id, commune_insee AS "communeInsee" FROM booking.establishment WHERE uai = $1`,
          [COLLEGE_UAI],
        );
        if (!college) throw new Error(`the Isère seed has no collège ${COLLEGE_UAI}`);
        const member = await franceconnectLogin(gatewayUrl);
        const me = await api<{ account: { id: string } }>(member, gatewayUrl, 'GET', '/me');
        const organisationId = await giveAssociation(client, me.body.account.id);
        say(`finding ${journeys} free hours in the collège's spaces that need approval...`);
        const slots = await freeSlots(client, journeys, { establishmentId: college.id, approvalRequired: true });
        return { college, organisationId, slots };
      } finally {
        await client.end();
      }
    })();
    const { college, organisationId, slots } = setUp;
    if (slots.length < journeys) throw new Error(`only ${slots.length} free hours found`);
    const manager = await proconnectLogin(gatewayUrl, 'Claire MARTIN');
    await collegeTakesPayments(gatewayUrl, stripeSandboxUrl, manager, college);

    const healthz: number[] = [];
    for (let i = 0; i < 100; i += 1) healthz.push(await timed(`${gatewayUrl}/healthz`, {}));
    say(`load average ${load()}; ${journeys} journeys by ${users} concurrent users...`);
    const steps = new StepTimes();
    const failures: string[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: users }, async () => {
        for (let slot = slots.pop(); slot; slot = slots.pop()) {
          await journey(stack, manager, college, organisationId, slot, steps).catch((error: unknown) =>
            failures.push((error as Error).message),
          );
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const completed = steps.times.get('confirmation')?.length ?? 0;
    for (const step of STEPS) {
      const times = steps.times.get(step) ?? [];
      say(
        `  ${step.padEnd(12)} p50 ${ms(percentile(times, 50))} p99 ${ms(percentile(times, 99))}, ` +
          `total ${(steps.total(step) / 1000).toFixed(1)} s over ${times.length}`,
      );
    }
    if (failures.length) say(`${failures.length} journeys failed, first: ${failures[0]}`);
    const bottleneck = [...STEPS].sort((a, b) => steps.total(b) - steps.total(a))[0];
    say(
      `journey bench (load average ${load()}): ${completed} of ${journeys} journeys completed by ${users} users, ` +
        `${(completed / seconds).toFixed(2)} journeys/s; bottleneck: ${bottleneck} ` +
        `(${((100 * steps.total(bottleneck ?? 'login')) / STEPS.reduce((sum, step) => sum + steps.total(step), 0)).toFixed(0)} % of the time); ` +
        `baseline: gateway /healthz p50 ${ms(percentile(healthz, 50))}`,
    );
    if (failures.length) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`journey bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
