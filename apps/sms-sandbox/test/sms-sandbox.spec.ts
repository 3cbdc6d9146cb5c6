import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { SANDBOX_CREDENTIALS, startSmsSandbox, type CaughtSms, type SmsSandbox } from '../src';

describe('sms sandbox: OVHcloud’s SMS API on loopback', () => {
  let sandbox: SmsSandbox;
  beforeAll(async () => {
    sandbox = await startSmsSandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.inbox.clear();
    sandbox.faults.rejectWith = null;
    Object.assign(sandbox.reports, { callBack: null, undeliverable: [] });
  });

  /** A job signed as OVHcloud's documentation says, with overridable parts to prove each check. */
  async function postJob(
    job: unknown,
    tamper: { secret?: string; applicationKey?: string; timestamp?: number; serviceName?: string } = {},
  ) {
    const url = `${sandbox.apiUrl}/sms/${tamper.serviceName ?? SANDBOX_CREDENTIALS.serviceName}/jobs`;
    const body = JSON.stringify(job);
    const timestamp = String(tamper.timestamp ?? Math.floor(Date.now() / 1000));
    const toSign = [
      tamper.secret ?? SANDBOX_CREDENTIALS.applicationSecret,
      SANDBOX_CREDENTIALS.consumerKey,
      'POST',
      url,
      body,
      timestamp,
    ].join('+');
    const answer = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ovh-application': tamper.applicationKey ?? SANDBOX_CREDENTIALS.applicationKey,
        'x-ovh-consumer': SANDBOX_CREDENTIALS.consumerKey,
        'x-ovh-timestamp': timestamp,
        'x-ovh-signature': `$1$${createHash('sha1').update(toSign).digest('hex')}`,
      },
      body,
    });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  }

  const job = { message: 'Votre réservation est confirmée.', receivers: ['+33612345678'], noStopClause: true };

  it('accepts a signed job, answers as OVHcloud does, and shows the SMS in its inbox and page', async () => {
    const answer = await postJob({ ...job, sender: 'Isere', receivers: ['+33612345678', '0612'] });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      totalCreditsRemoved: 1,
      invalidReceivers: ['0612'],
      ids: [expect.any(Number)],
      validReceivers: ['+33612345678'],
    });
    const { items } = (await (await fetch(`${sandbox.url}/api/messages?to=%2B33612345678`)).json()) as {
      items: CaughtSms[];
    };
    expect(items).toMatchObject([
      { receiver: '+33612345678', sender: 'Isere', message: job.message, encoding: 'gsm7', segments: 1 },
    ]);
    const page = await (await fetch(sandbox.url)).text();
    expect(page).toContain('Bac à sable');
    expect(page).toContain('Votre réservation est confirmée.');
    expect(await (await fetch(`${sandbox.apiUrl}/auth/time`)).json()).toEqual(expect.any(Number));
  });

  it('bills a UCS-2 text by parts of 67 characters', async () => {
    const answer = await postJob({ ...job, message: `Fête ${'a'.repeat(70)}` });
    expect(answer.body['totalCreditsRemoved']).toBe(2);
  });

  it('refuses a wrong signature, an unknown application key, a stale timestamp and an unknown account', async () => {
    expect(await postJob(job, { secret: 'not-the-secret' })).toEqual({
      status: 400,
      body: { errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' },
    });
    expect((await postJob(job, { applicationKey: 'someone-else' })).body['errorCode']).toBe('INVALID_KEY');
    expect((await postJob(job, { timestamp: Math.floor(Date.now() / 1000) - 3_600 })).body['errorCode']).toBe(
      'QUERY_TIME_OUT',
    );
    expect((await postJob(job, { serviceName: 'sms-other-1' })).status).toBe(404);
    expect((await postJob({ receivers: ['+33612345678'] })).status).toBe(400);
    expect(sandbox.inbox.size).toBe(0);
  });

  it('answers every job with the status a test asks for, then accepts again', async () => {
    await fetch(`${sandbox.url}/api/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rejectWith: 503 }),
    });
    expect((await postJob(job)).status).toBe(503);
    sandbox.faults.rejectWith = null;
    expect((await postJob(job)).status).toBe(200);
    expect(sandbox.inbox.size).toBe(1);
  });

  it('calls the delivery-report callback as OVHcloud does: delivered, or not for an unreachable number', async () => {
    const calls: { method: string; url: URL }[] = [];
    const server: Server = createServer((req, res) => {
      calls.push({ method: req.method ?? '', url: new URL(req.url ?? '/', 'http://callback') });
      res.writeHead(req.url?.startsWith('/reports/key') ? 200 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const settings = await fetch(`${sandbox.url}/api/delivery-reports`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          callBack: `http://127.0.0.1:${port}/reports/key?account=1`,
          undeliverable: ['+33700000001'],
        }),
      });
      expect(settings.status).toBe(200);
      const answer = await postJob({ ...job, receivers: ['+33612345678', '+33700000001'], tag: 'msg-42' });
      const [delivered, lost] = answer.body['ids'] as number[];
      const deadline = Date.now() + 5_000;
      while (sandbox.inbox.list().some((sms) => !sms.deliveryReport) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const byId = new Map(calls.map((call) => [call.url.searchParams.get('id'), call]));
      expect(calls.every((call) => call.method === 'GET' && call.url.pathname === '/reports/key')).toBe(true);
      expect(Object.fromEntries(byId.get(String(delivered))?.url.searchParams ?? [])).toMatchObject({
        account: '1',
        dlr: '1',
        ptt: '4',
        receiver: '+33612345678',
        tag: 'msg-42',
        description: 'Message delivered',
      });
      expect(byId.get(String(lost))?.url.searchParams.get('dlr')).toBe('2');
      expect(sandbox.inbox.list({ to: '+33700000001' })[0]?.deliveryReport).toMatchObject({
        dlr: 2,
        callbackStatus: 200,
      });
      expect(await (await fetch(sandbox.url)).text()).toContain('non remis (rappel 200)');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a callback that is not an http URL', async () => {
    const answer = await fetch(`${sandbox.url}/api/delivery-reports`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callBack: 'file:///etc/passwd' }),
    });
    expect(answer.status).toBe(400);
    expect(sandbox.reports.callBack).toBeNull();
  });
});
