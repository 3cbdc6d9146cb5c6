import { freePort, startBundledApp, waitForPort, type BundledApp } from '@salle/testing';
import type { PayfipPaymentRequest } from '@salle/contracts';
import { ProviderError } from '../src/provider/payment-provider';
import { PayfipClient } from '../src/provider/payfip/payfip-client';
import { payfipOutcome } from '../src/provider/payfip/payfip-outcome';

/** The adapter's SOAP client against the payfip-sandbox process, which speaks PayFiP's protocol. */
describe('PayFiP client against the payfip-sandbox', () => {
  let sandbox: BundledApp;
  let url: string;
  let client: PayfipClient;
  let counter = 0;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    sandbox = await startBundledApp('payfip-sandbox', {
      PAYFIP_SANDBOX_PORT: String(port),
      PAYFIP_SANDBOX_CLIENTS: '123456=COLLEGE JEAN MOULIN',
      // No platform listens in this test: notifications are lost, the client reads results back itself.
      PAYFIP_SANDBOX_NOTIFY: 'drop',
      LOG_LEVEL: 'silent',
    });
    await waitForPort('127.0.0.1', port, 20_000);
    client = new PayfipClient({ baseUrl: url, timeoutMs: 2_000 });
  }, 60_000);
  afterAll(() => sandbox.stop());
  afterEach(async () => {
    await fetch(`${url}/_sandbox/faults`, { method: 'DELETE' });
  });

  function request(overrides: Partial<PayfipPaymentRequest> = {}): PayfipPaymentRequest {
    counter += 1;
    return {
      exer: '2026',
      mel: 'tresorier@asso.example',
      montant: '4500',
      numcli: '123456',
      objet: 'Location salle polyvalente',
      refdet: `SSDTEST${Date.now()}${counter}`,
      saisie: 'T',
      urlnotif: 'http://127.0.0.1:9/payfip/notification',
      urlredirect: 'http://127.0.0.1:9/paiement/retour',
      ...overrides,
    };
  }

  async function sandboxControl(path: string, body: unknown): Promise<number> {
    const answer = await fetch(`${url}/_sandbox${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await answer.arrayBuffer();
    return answer.status;
  }

  async function operationCount(): Promise<number> {
    const body = (await (await fetch(`${url}/_sandbox/operations`)).json()) as { items: unknown[] };
    return body.items.length;
  }

  const expectation = (sent: PayfipPaymentRequest) => ({
    amountCents: Number(sent.montant),
    refdet: sent.refdet,
    numcli: sent.numcli,
  });

  it('creates a payment, reads P5 before the payer acts, then the card payment with its Paris time', async () => {
    const sent = request();
    const idOp = await client.createPayment(sent);
    expect(payfipOutcome(await client.paymentDetail(idOp), expectation(sent))).toEqual({ status: 'pending' });

    const before = Date.now();
    expect(await sandboxControl(`/operations/${idOp}/pay`, { choice: 'card' })).toBe(200);
    const outcome = payfipOutcome(await client.paymentDetail(idOp), expectation(sent));
    expect(outcome.status).toBe('paid');
    if (outcome.status !== 'paid') return;
    expect(outcome.payment).toMatchObject({ idOp, result: 'P', amountCents: 4500, saisie: 'T', numcli: '123456' });
    expect(outcome.payment.numauto).toMatch(/-tip$/);
    // dattrans/heurtrans have minute precision, in Paris time.
    expect(Math.abs((outcome.payment.at?.getTime() ?? 0) - before)).toBeLessThan(61_000);
  });

  it('keeps a debit pending until it settles days later on the simulated clock', async () => {
    const sent = request();
    const idOp = await client.createPayment(sent);
    await sandboxControl(`/operations/${idOp}/pay`, { choice: 'debit' });
    expect(payfipOutcome(await client.paymentDetail(idOp), expectation(sent)).status).toBe('pending');
    await sandboxControl('/clock', { advanceDays: 3 });
    const outcome = payfipOutcome(await client.paymentDetail(idOp), expectation(sent));
    expect(outcome).toMatchObject({ status: 'paid', payment: { result: 'V' } });
  });

  it('reads refusals and abandons as failures with their reason', async () => {
    const reasons: string[] = [];
    for (const choice of ['card-refused', 'abandon']) {
      const sent = request();
      const idOp = await client.createPayment(sent);
      await sandboxControl(`/operations/${idOp}/pay`, { choice });
      const outcome = payfipOutcome(await client.paymentDetail(idOp), expectation(sent));
      reasons.push(outcome.status === 'failed' ? outcome.reason : outcome.status);
    }
    expect(reasons).toEqual(['card_refused', 'abandoned']);
  });

  it('reads an idOp PayFiP does not know as expired', async () => {
    const answer = await client.paymentDetail('00000000-0000-4000-8000-000000000000');
    expect(answer).toEqual({ kind: 'unknown-idop' });
  });

  it('refuses a request breaking a field rule before any call', async () => {
    const count = await operationCount();
    await expect(client.createPayment(request({ refdet: 'ABCD' }))).rejects.toMatchObject({
      kind: 'invalid_request',
      code: 'refdet',
    });
    await expect(client.createPayment(request({ montant: '99' }))).rejects.toMatchObject({ code: 'montant' });
    expect(await operationCount()).toBe(count);
  });

  it('turns a functional fault the service answers into invalid_request with its code', async () => {
    await expect(client.createPayment(request({ numcli: '999999' }))).rejects.toMatchObject({
      kind: 'invalid_request',
      code: 'T2',
    });
  });

  it('turns a technical fault and a timeout into a retryable unavailable error', async () => {
    await fetch(`${url}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ technical: 'TechIndisponibiliteErreur' }),
    });
    const fault = await client.createPayment(request()).catch((error: unknown) => error);
    expect(fault).toBeInstanceOf(ProviderError);
    expect(fault).toMatchObject({ kind: 'unavailable', code: 'I1', retryable: true });

    await fetch(`${url}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ technical: null, delayMs: 1_000 }),
    });
    const impatient = new PayfipClient({ baseUrl: url, timeoutMs: 200 });
    await expect(impatient.paymentDetail('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      kind: 'unavailable',
    });
  });

  it('reads the label of a configured creditor', async () => {
    expect(await client.clientLabel('123456')).toBe('COLLEGE JEAN MOULIN');
    await expect(client.clientLabel('654321')).rejects.toMatchObject({ code: 'T2' });
  });
});
