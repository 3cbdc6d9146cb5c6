import { PAYFIP_PATHS } from '@salle/contracts';
import { startPayfipSandbox, type PayfipSandbox } from '../src';
import { control, element, notificationReceiver, soapCall, type NotificationReceiver } from './soap-client';

const DAY = 86_400_000;

describe('payfip sandbox: the PayFiP Régie web-service on loopback', () => {
  let sandbox: PayfipSandbox;
  let receiver: NotificationReceiver;
  let refdetCounter = 0;

  beforeAll(async () => {
    receiver = await notificationReceiver();
    sandbox = await startPayfipSandbox({
      port: 0,
      clients: new Map([['123456', 'COLLEGE JEAN MOULIN']]),
      debitSettlementMs: 3 * DAY,
    });
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });
  beforeEach(async () => {
    receiver.received.length = 0;
    await control(sandbox, '/notifications', undefined, 'DELETE');
    await control(sandbox, '/faults', undefined, 'DELETE');
  });

  function paymentFields(overrides: Record<string, string> = {}): Record<string, string> {
    refdetCounter += 1;
    return {
      exer: '2026',
      mel: 'tresorier@asso.example',
      montant: '4500',
      numcli: '123456',
      objet: 'Location salle B12 college Jean Moulin',
      refdet: `LOC2026${String(refdetCounter).padStart(6, '0')}`,
      saisie: 'T',
      urlnotif: receiver.url,
      urlredirect: 'http://127.0.0.1:1/paiement/retour',
      ...overrides,
    };
  }

  async function create(overrides: Record<string, string> = {}): Promise<string> {
    const { status, xml } = await soapCall(sandbox, 'creerPaiementSecurise', paymentFields(overrides));
    expect(status).toBe(200);
    const idOp = element(xml, 'idOp') ?? '';
    expect(idOp).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    return idOp;
  }

  async function detail(idOp: string, field = 'idOp') {
    return soapCall(sandbox, 'recupererDetailPaiementSecurise', { [field]: idOp });
  }

  async function choose(idOp: string, choix: string): Promise<Response> {
    return fetch(`${sandbox.url}${PAYFIP_PATHS.paymentPage}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ idop: idOp, choix }).toString(),
      redirect: 'manual',
    });
  }

  function expectFault(answer: { status: number; xml: string }, code: string, type = 'FonctionnelleErreur') {
    expect(answer.status).toBe(500);
    expect(element(answer.xml, 'faultstring')).toBe(`fr.gouv.finances.cp.tpa.webservice.exceptions.${type}`);
    expect(answer.xml).toContain(`<ns2:${type} `);
    expect(element(answer.xml, 'code')).toBe(code);
  }

  it('creates a payment, shows its page in French, takes a card payment, notifies, and answers the detail', async () => {
    const idOp = await create();
    expectFault(await detail(idOp), 'P5');

    const page = await fetch(`${sandbox.url}${PAYFIP_PATHS.paymentPage}?idop=${idOp}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('BAC À SABLE PayFiP');
    expect(html).toContain('COLLEGE JEAN MOULIN');
    expect(html).toContain('45,00\u00a0€');
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:1");

    const paid = await choose(idOp, 'card');
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://127.0.0.1:1/paiement/retour?idop=${idOp}`);
    await receiver.waitFor(1);
    expect(receiver.received[0]).toEqual({ method: 'POST', query: '', body: `idop=${idOp}` });

    const { status, xml } = await detail(idOp);
    expect(status).toBe(200);
    expect(element(xml, 'resultrans')).toBe('P');
    expect(element(xml, 'montant')).toBe('4500');
    expect(element(xml, 'numcli')).toBe('123456');
    expect(element(xml, 'saisie')).toBe('T');
    expect(element(xml, 'numauto')).toMatch(/^\d{12}-tip$/);
    expect(element(xml, 'dattrans')).toMatch(/^\d{8}$/);
    expect(element(xml, 'heurtrans')).toMatch(/^([01]\d|2[0-3])[0-5]\d$/);

    // The page cannot be used twice.
    expect((await fetch(`${sandbox.url}${PAYFIP_PATHS.paymentPage}?idop=${idOp}`)).status).toBe(409);
    expect((await choose(idOp, 'card')).status).toBe(409);
  });

  it('answers each broken field rule with its functional fault', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ refdet: 'ABCD' }, 'R3'],
      [{ refdet: 'LOC-2026-0001' }, 'R3'],
      [{ mel: 'pas-une-adresse' }, 'A2'],
      [{ mel: '' }, 'A1'],
      [{ montant: '99' }, 'M3'],
      [{ montant: '45,00' }, 'M1'],
      [{ montant: '10000000' }, 'M5'],
      [{ numcli: '12345' }, 'T1'],
      [{ numcli: '999999' }, 'T2'],
      [{ saisie: 'Q' }, 'S1'],
      [{ urlnotif: 'pas une url' }, 'N1'],
      [{ urlredirect: 'ftp://example.org' }, 'D1'],
    ];
    for (const [overrides, code] of cases) {
      const answer = await soapCall(sandbox, 'creerPaiementSecurise', paymentFields(overrides));
      expectFault(answer, code);
    }
    const r3 = await soapCall(sandbox, 'creerPaiementSecurise', paymentFields({ refdet: 'ABCD' }));
    expect(element(r3.xml, 'libelle')).toBe('Le format du paramètre REFDET n’est pas conforme');
    expect(element(r3.xml, 'severite')).toBe('2');
  });

  it('answers P1 for an unknown idOp, and for one asked with a lowercase idop', async () => {
    expectFault(await detail('00000000-0000-0000-0000-000000000000'), 'P1');
    const idOp = await create();
    expectFault(await detail(idOp, 'idop'), 'P1');
    expect((await fetch(`${sandbox.url}${PAYFIP_PATHS.paymentPage}?idop=inconnu`)).status).toBe(404);
  });

  it('refuses a request that is not a SOAP call of the three operations', async () => {
    const answer = await fetch(`${sandbox.url}${PAYFIP_PATHS.soap}`, { method: 'POST', body: '<a><b>' });
    const xml = await answer.text();
    expect(answer.status).toBe(500);
    expect(element(xml, 'faultstring')).toBe('fr.gouv.finances.cp.tpa.webservice.exceptions.TechProtocolaireErreur');
    expectFault(await soapCall(sandbox, 'supprimerPaiement', {}), 'X1', 'TechProtocolaireErreur');
  });

  it('records refusals and abandons with their codes', async () => {
    const refused = await create();
    await choose(refused, 'card-refused');
    const abandoned = await create();
    await choose(abandoned, 'abandon');
    await receiver.waitFor(2);
    expect(element((await detail(refused)).xml, 'resultrans')).toBe('R');
    expect(element((await detail(refused)).xml, 'numauto')).toBe('');
    expect(element((await detail(abandoned)).xml, 'resultrans')).toBe('A');
  });

  it('settles a SEPA debit days later on the simulated clock, then notifies', async () => {
    const paid = await create();
    const rejected = await create();
    expect((await choose(paid, 'debit')).status).toBe(303);
    await choose(rejected, 'debit-refused');
    expectFault(await detail(paid), 'P5');

    const early = await control<{ settled: unknown[] }>(sandbox, '/clock', { advanceDays: 2 });
    expect(early.body.settled).toEqual([]);
    expectFault(await detail(paid), 'P5');
    expect(receiver.received).toEqual([]);

    const due = await control<{ settled: { idOp: string; resultrans: string }[] }>(sandbox, '/clock', {
      advanceDays: 1,
    });
    expect(due.body.settled.map((op) => [op.idOp, op.resultrans]).sort()).toEqual(
      [
        [paid, 'V'],
        [rejected, 'Z'],
      ].sort(),
    );
    await receiver.waitFor(2);
    expect(receiver.received.map((hit) => hit.body).sort()).toEqual([`idop=${paid}`, `idop=${rejected}`].sort());
    expect(element((await detail(paid)).xml, 'resultrans')).toBe('V');
    expect(element((await detail(rejected)).xml, 'resultrans')).toBe('Z');
  });

  it('drops notifications when told to, and replays one on demand', async () => {
    await control(sandbox, '/notifications', { mode: 'drop' }, 'PUT');
    const idOp = await create();
    await choose(idOp, 'card');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received).toEqual([]);
    const log = await control<{ log: { idOp: string; outcome: string }[] }>(
      sandbox,
      '/notifications',
      undefined,
      'GET',
    );
    expect(log.body.log).toEqual([expect.objectContaining({ idOp, outcome: 'dropped' })]);
    // The result is there for whoever asks.
    expect(element((await detail(idOp)).xml, 'resultrans')).toBe('P');

    expect((await control(sandbox, `/operations/${idOp}/notify`)).status).toBe(202);
    await receiver.waitFor(1);
    expect(receiver.received[0]?.body).toBe(`idop=${idOp}`);
  });

  it('delays notifications, and sends them by GET when told to', async () => {
    await control(sandbox, '/notifications', { mode: 'delay', delayMs: 400, method: 'GET' }, 'PUT');
    const idOp = await create();
    await choose(idOp, 'card');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.received).toEqual([]);
    await receiver.waitFor(1);
    expect(receiver.received[0]).toEqual({ method: 'GET', query: `?idop=${idOp}`, body: '' });
  });

  it('expires the payment page 15 minutes after creation and forgets unused idOps after a day', async () => {
    const idOp = await create();
    await control(sandbox, '/clock', { advanceMs: 16 * 60_000 });
    expect((await fetch(`${sandbox.url}${PAYFIP_PATHS.paymentPage}?idop=${idOp}`)).status).toBe(410);
    const late = await control<{ code: string }>(sandbox, `/operations/${idOp}/pay`, { choice: 'card' });
    expect(late).toEqual({ status: 409, body: { code: 'P4', libelle: 'IdOp expiré' } });
    expectFault(await detail(idOp), 'P5');
    await control(sandbox, '/clock', { advanceDays: 1 });
    expectFault(await detail(idOp), 'P1');
  });

  it('answers technical faults and slow answers when told to', async () => {
    await control(sandbox, '/faults', { technical: 'TechIndisponibiliteErreur' }, 'PUT');
    expectFault(await soapCall(sandbox, 'creerPaiementSecurise', paymentFields()), 'I1', 'TechIndisponibiliteErreur');
    await control(sandbox, '/faults', { technical: null, delayMs: 300 }, 'PUT');
    const started = Date.now();
    await create();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('describes a known client and refuses an unknown one', async () => {
    const known = await soapCall(sandbox, 'recupererDetailClient', { numCli: '123456' });
    expect(known.status).toBe(200);
    expect(element(known.xml, 'libelleN1')).toBe('COLLEGE JEAN MOULIN');
    expectFault(await soapCall(sandbox, 'recupererDetailClient', { numCli: '654321' }), 'T2');
  });

  it("lists the day's paid operations of one creditor in the settlement report", async () => {
    const card = await create({ montant: '1200' });
    const refused = await create();
    await choose(card, 'card');
    await choose(refused, 'card-refused');
    const clock = await control<{ now: string }>(sandbox, '/clock', undefined, 'GET');
    const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).formatToParts(
      new Date(clock.body.now),
    );
    const day = ['day', 'month', 'year'].map((type) => parts.find((part) => part.type === type)?.value).join('');
    const answer = await fetch(`${sandbox.url}/_sandbox/compte-rendu.csv?numcli=123456&date=${day}`);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    const lines = (await answer.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(`EN-TETE;123456;${day}`);
    const cardLine = lines.find((line) => line.includes(card));
    expect(cardLine).toMatch(new RegExp(`^LIGNE;${day};LOC2026\\d{6};1200;${card};\\d{12}-tip;P$`));
    expect(lines.some((line) => line.includes(refused))).toBe(false);
    const paidLines = lines.filter((line) => line.startsWith('LIGNE;'));
    const total = paidLines.reduce((sum, line) => sum + Number(line.split(';')[3]), 0);
    expect(lines.at(-1)).toBe(`PIED-DE-PAGE;${paidLines.length};${total}`);
    expect((await fetch(`${sandbox.url}/_sandbox/compte-rendu.csv?numcli=12`)).status).toBe(400);
  });

  it('refuses a control call with a wrong body', async () => {
    const idOp = await create();
    const answer = await control<{ type?: string }>(sandbox, `/operations/${idOp}/pay`, { choice: 'cheque' });
    expect(answer.status).toBe(400);
    expect((await control(sandbox, '/clock', {})).status).toBe(400);
  });
});
