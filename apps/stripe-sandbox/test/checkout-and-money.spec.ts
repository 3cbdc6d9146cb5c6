import type Stripe from 'stripe';
import { startStripeSandbox, type StripeSandbox } from '../src';
import { control, readyAccount, sdkFor, sessionParams } from './sandbox-client';

async function payByCard(url: string, cardNumber: string): Promise<Response> {
  return fetch(`${url}/pay`, {
    method: 'POST',
    body: new URLSearchParams({ method: 'card', cardNumber }),
    redirect: 'manual',
  });
}

describe('stripe-sandbox hosted checkout and money movements', () => {
  let sandbox: StripeSandbox;
  let stripe: Stripe;
  let destination: string;

  beforeAll(async () => {
    sandbox = await startStripeSandbox({ port: 0, sepaDelayMs: 60_000 });
    stripe = sdkFor(sandbox);
    destination = await readyAccount(stripe, sandbox);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const paidSession = async (amount = 10_000, fee = 1_000) => {
    const session = await stripe.checkout.sessions.create(sessionParams(destination, amount, fee));
    const response = await payByCard(session.url ?? '', '4242 4242 4242 4242');
    expect(response.status).toBe(303);
    return stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent.latest_charge.transfer', 'payment_intent.latest_charge.balance_transaction'],
    });
  };
  const chargeOf = (session: Stripe.Checkout.Session) =>
    (session.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
  const collegeNet = async () =>
    (await stripe.balanceTransactions.list({ limit: 100 }, { stripeAccount: destination })).data.reduce(
      (sum, txn) => sum + txn.net,
      0,
    );
  const platformNetOf = async (charge: Stripe.Charge) => {
    const transactions = (await stripe.balanceTransactions.list({ limit: 100 })).data;
    const related = new Set([
      charge.id,
      ...[charge.transfer, charge.application_fee].map((x) => (typeof x === 'string' ? x : x?.id)),
    ]);
    const full = await stripe.charges.retrieve(charge.id, { expand: ['refunds', 'transfer', 'application_fee'] });
    for (const refund of full.refunds?.data ?? []) related.add(refund.id);
    for (const reversal of (full.transfer as Stripe.Transfer | null)?.reversals.data ?? []) related.add(reversal.id);
    for (const feeRefund of (full.application_fee as Stripe.ApplicationFee | null)?.refunds.data ?? [])
      related.add(feeRefund.id);
    // Stripe's processing fee is left out: the sandbox charges none.
    return transactions.filter((txn) => related.has(String(txn.source))).reduce((sum, txn) => sum + txn.amount, 0);
  };

  it('shows a hosted page in French with the amount and the test cards', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(destination, 4_500, 0));
    const response = await fetch(session.url ?? '');
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Payer 45,00 €');
    expect(html).toContain('4242 4242 4242 4242');
    expect(html).toContain('Annuler et revenir au site');
    expect(response.headers.get('content-security-policy')).toContain('form-action');
  });

  it('pays with 4242…: the session completes and the charge is a destination charge with its fee', async () => {
    const session = await paidSession(10_000, 1_000);
    expect(session).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const charge = chargeOf(session);
    expect(charge).toMatchObject({ amount: 10_000, application_fee_amount: 1_000, destination, status: 'succeeded' });
    expect(charge.transfer).toMatchObject({ amount: 10_000, destination, object: 'transfer' });
    expect((charge.balance_transaction as Stripe.BalanceTransaction).fee).toBe(175);
  });

  it('declines 4000 0000 0000 0002 and 4000 0000 0000 9995 and keeps the session open', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(destination));
    const declined = await payByCard(session.url ?? '', '4000 0000 0000 0002');
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('Votre carte a été refusée.');
    const poor = await payByCard(session.url ?? '', '4000000000009995');
    expect(await poor.text()).toContain('fonds insuffisants');
    const after = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    expect(after.status).toBe('open');
    expect((after.payment_intent as Stripe.PaymentIntent).last_payment_error).toMatchObject({
      decline_code: 'insufficient_funds',
    });
    const events = await stripe.events.list({ type: 'payment_intent.payment_failed', limit: 2 });
    expect(events.data).toHaveLength(2);
    const invalid = await payByCard(session.url ?? '', '1234 5678');
    expect(await invalid.text()).toContain('Le numéro de carte est invalide.');
  });

  it('sends the payer back to cancel_url on cancel, session still open', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(destination));
    const response = await fetch(`${session.url}/cancel`, { method: 'POST', redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('http://127.0.0.1:3000/paiement/annule');
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
  });

  it('expires a session whose hold elapsed; its page then says so', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(destination));
    await control(sandbox, `/checkout/sessions/${session.id}/expire`);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('expired');
    const page = await fetch(session.url ?? '');
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('a expiré');
    expect((await payByCard(session.url ?? '', '4242424242424242')).status).toBe(410);
  });

  it('completes a SEPA debit unpaid, then settles it as paid or failed', async () => {
    const ok = await stripe.checkout.sessions.create(sessionParams(destination));
    const response = await fetch(`${ok.url}/pay`, {
      method: 'POST',
      body: new URLSearchParams({ method: 'sepa_debit', iban: 'FR14 2004 1010 0505 0001 3M02 606' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(await stripe.checkout.sessions.retrieve(ok.id, { expand: ['payment_intent'] })).toMatchObject({
      status: 'complete',
      payment_status: 'unpaid',
      payment_intent: { status: 'processing' },
    });
    await control(sandbox, `/checkout/sessions/${ok.id}/settle`);
    expect((await stripe.checkout.sessions.retrieve(ok.id)).payment_status).toBe('paid');

    const ko = await stripe.checkout.sessions.create(sessionParams(destination));
    await control(sandbox, `/checkout/sessions/${ko.id}/pay`, { iban: 'FR3020041010050500013M02609' });
    await control(sandbox, `/checkout/sessions/${ko.id}/settle`);
    expect(await stripe.checkout.sessions.retrieve(ko.id, { expand: ['payment_intent'] })).toMatchObject({
      payment_status: 'unpaid',
      payment_intent: { status: 'requires_payment_method' },
    });
    const types = (await stripe.events.list({ type: 'checkout.session.*', limit: 10 })).data.map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining(['checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed']),
    );
  });

  describe('refunds of a 100 € destination charge with a 10 € fee (who keeps what, as Stripe Connect splits it)', () => {
    const cases: [string, number, boolean, boolean, number, number][] = [
      ['full refund, both flags', 10_000, true, true, 0, 0],
      ['full refund, fee kept', 10_000, true, false, -1_000, 1_000],
      ['full refund from the platform', 10_000, false, false, 9_000, -9_000],
      ['half refund, both flags', 5_000, true, true, 4_500, 500],
    ];
    it.each(cases)('%s', async (_label, amount, reverseTransfer, refundFee, collegeAfter, platformAfter) => {
      const before = await collegeNet();
      const session = await paidSession(10_000, 1_000);
      const charge = chargeOf(session);
      expect((await collegeNet()) - before).toBe(9_000);
      const refund = await stripe.refunds.create(
        {
          payment_intent: charge.payment_intent as string,
          amount,
          reverse_transfer: reverseTransfer,
          refund_application_fee: refundFee,
        },
        { idempotencyKey: `refund:${charge.id}` },
      );
      expect(refund).toMatchObject({ status: 'succeeded', amount });
      expect((await collegeNet()) - before).toBe(collegeAfter);
      expect(await platformNetOf(charge)).toBe(platformAfter);
    });

    it('keeps the shares exact over several partial refunds and refuses to refund more than was paid', async () => {
      const session = await paidSession(3_333, 333);
      const charge = chargeOf(session);
      const intent = charge.payment_intent as string;
      for (const amount of [1_111, 1_111, 1_111]) {
        await stripe.refunds.create({
          payment_intent: intent,
          amount,
          reverse_transfer: true,
          refund_application_fee: true,
        });
      }
      const full = await stripe.charges.retrieve(charge.id, { expand: ['transfer', 'application_fee'] });
      expect((full.transfer as Stripe.Transfer).amount_reversed).toBe(3_333);
      expect((full.application_fee as Stripe.ApplicationFee).amount_refunded).toBe(333);
      const failure = await stripe.refunds.create({ payment_intent: intent, amount: 1 }).catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 'charge_already_refunded' });
      const other = await paidSession(2_000, 0);
      await expect(
        stripe.refunds.create({ payment_intent: chargeOf(other).payment_intent as string, amount: 2_001 }),
      ).rejects.toMatchObject({ code: 'amount_too_large' });
    });
  });

  it('records a dispute and pays out a connected account with the balance transactions it swept', async () => {
    const session = await paidSession(5_000, 500);
    const dispute = await control<{ id: string; amount: number }>(sandbox, `/charges/${chargeOf(session).id}/disputes`);
    expect(dispute.body.amount).toBe(5_000);
    expect((await stripe.events.list({ type: 'charge.dispute.created', limit: 1 })).data[0]?.data.object).toMatchObject(
      { id: dispute.body.id },
    );

    const payout = await control<{ id: string; amount: number }>(sandbox, `/accounts/${destination}/payouts`);
    const items = await stripe.balanceTransactions.list(
      { payout: payout.body.id, limit: 100 },
      { stripeAccount: destination },
    );
    const payoutTxn = items.data.find((txn) => txn.type === 'payout');
    expect(payoutTxn?.amount).toBe(-payout.body.amount);
    expect(items.data.filter((txn) => txn.type !== 'payout').reduce((sum, txn) => sum + txn.net, 0)).toBe(
      payout.body.amount,
    );
    expect((await control(sandbox, `/accounts/${destination}/payouts`)).status).toBe(400);
  });

  describe('connected account onboarding', () => {
    it('gives single-use links: complete the form, then the link sends to refresh_url', async () => {
      const account = await stripe.accounts.create({
        country: 'FR',
        capabilities: { transfers: { requested: true } },
        business_profile: { name: 'Collège Louise Michel' },
      });
      expect(account).toMatchObject({ payouts_enabled: false, capabilities: { transfers: 'inactive' } });
      const link = await stripe.accountLinks.create({
        account: account.id,
        type: 'account_onboarding',
        refresh_url: 'http://127.0.0.1:3000/versements?refresh=1',
        return_url: 'http://127.0.0.1:3000/versements?retour=1',
      });
      expect(link.expires_at - link.created).toBe(300);
      const page = await fetch(link.url);
      const html = await page.text();
      expect(html).toContain('Collège Louise Michel');
      // Browsers apply form-action to the redirect that answers the form: the way back must be allowed.
      expect(page.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:3000;");
      const visit = /action="(\/connect\/onboarding\/visits\/[^"]+)"/.exec(html)?.[1];
      const submitted = await fetch(`${sandbox.url}${visit}`, {
        method: 'POST',
        body: new URLSearchParams({ action: 'complete' }),
        redirect: 'manual',
      });
      expect(submitted.headers.get('location')).toBe('http://127.0.0.1:3000/versements?retour=1');
      expect(await stripe.accounts.retrieve(account.id)).toMatchObject({
        payouts_enabled: true,
        details_submitted: true,
        capabilities: { transfers: 'active' },
      });
      const again = await fetch(link.url, { redirect: 'manual' });
      expect(again.status).toBe(302);
      expect(again.headers.get('location')).toBe('http://127.0.0.1:3000/versements?refresh=1');
      const updates = await stripe.events.list({ type: 'account.updated' }, { stripeAccount: account.id });
      expect(updates.data[0]).toMatchObject({ account: account.id, data: { object: { payouts_enabled: true } } });
    });
  });
});
