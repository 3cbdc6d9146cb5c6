import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CONVENTION_CONSENT } from '@salle/contracts';
import {
  accessibilityViolations,
  baseUrl,
  errorsOf,
  hasPaymentService,
  launchChromium,
  newPerson,
  keepEveryScreenshot,
  screenshot,
} from '../src/browser-kit';
import { AGENTS, logInWith } from '../src/sandbox-identities';

// PayFiP in the browser, against the stack `npm start` runs (globalSetup starts it once): Collège Jacques Brel
// (Beaurepaire) is paid through the payfip-sandbox there. A member's two bookings at that collège, approved by its
// manager, are paid on the sandbox's French payment page: one by card (confirmed at once), one by a SEPA debit that
// stays pending until the sandbox's simulated clock settles it days later. The card-paid booking is then cancelled:
// PayFiP has no refund operation, so the refund is a request to the collège's public accountant, which the collège
// sees on « Recettes et versements », marks done with the accountant's reference, and the member sees repaid.
//
// What the main journey already proves through the browser (declaring and verifying an organisation, the request
// form, the collège's decision) is done here through the same API the pages call, with each person's own session,
// so that this file stays short; the money's path is done in the browser, as a person would.

const JACQUES_BREL = { name: 'Collège Jacques Brel', communeInsee: '38034' };
/** A FranceConnect identity the main journey does not use, so that the two files never share an account. */
const MEMBER = { key: 'avec_nom_dusage', email: 'marie.leroy@usagers.sandbox.test' };
/** The collège's manager in the identity sandbox (apps/identity-sandbox's ProConnect agents). */
const INES_LAMBERT = 'Inès LAMBERT';

/** A date of Paris's calendar, `days` from today. */
function parisDate(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  return new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
const text = async (page: Page, selector = 'main') => ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ');

/** A call to the gateway's API with the person's session, as the pages make it (the CSRF header included). */
async function callApi<T>(person: BrowserContext, method: string, path: string, body?: unknown): Promise<T> {
  const response = await person.request.fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      'X-Requested-With': 'fetch',
      Origin: new URL(baseUrl()).origin,
      Accept: 'application/json, application/problem+json',
    },
    ...(body === undefined ? {} : { data: body }),
  });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  const answer = await response.text();
  return (answer ? JSON.parse(answer) : undefined) as T;
}

/**
 * Every page state checked here: no WCAG 2.1 A or AA violation, no script error; a screenshot kept when one is
 * found (of every state with E2E_SCREENSHOTS=all).
 */
let shots = 0;
async function checkpoint(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.salle-loading').length === 0);
  const shot = `payfip-${String(++shots).padStart(2, '0')}-${name}`;
  const violations = await accessibilityViolations(page);
  const wrong = violations.length > 0 || errorsOf(page).length > 0;
  if (wrong || keepEveryScreenshot) await screenshot(page, `${wrong ? 'FAILED-' : ''}${shot}`);
  expect({ page: name, violations, errors: errorsOf(page) }).toEqual({
    page: name,
    violations: [],
    errors: [],
  });
}

let browser: Browser;
let brokenAt: string | null = null;

/** A step: once one fails, the next ones stop at once, and every open page is kept as FAILED-payfip-*.jpg. */
function step(name: string, body: () => Promise<void>): void {
  it(
    name,
    async () => {
      if (brokenAt) throw new Error(`not run: step "${brokenAt}" failed`);
      try {
        await body();
      } catch (error) {
        brokenAt = name;
        const pages = browser?.contexts().flatMap((context) => context.pages()) ?? [];
        for (const [index, open] of pages.entries())
          await screenshot(open, `FAILED-payfip-${name.replace(/\W+/g, '-').slice(0, 40)}-${index}`).catch(
            () => undefined,
          );
        throw error;
      }
    },
    240_000,
  );
}

interface Slot {
  startsAt: string;
  endsAt: string;
}
interface Booking {
  id: string;
  status: string;
  priceCents: number;
  establishmentId: string;
}

/** Without a payment service behind the gateway there is nothing to pay: the file says so and stops. */
const describeWithPayment = hasPaymentService() ? describe : describe.skip;

describeWithPayment('PayFiP in a browser: card, a debit settled days later, a refund through the accountant', () => {
  const run = Date.now().toString(36).slice(-5);
  const organisation = { name: `Basket Beaurepaire ${run}`, rna: `W38${String(Date.now()).slice(-7)}` };
  let member: BrowserContext;
  let college: BrowserContext;
  let page: Page;
  let desk: Page;
  let organisationId = '';
  let establishmentId = '';
  /** The booking paid by card, then cancelled; the one paid by SEPA debit. */
  let byCard: Booking;
  let byDebit: Booking;
  /** The payfip-sandbox's origin, as the payment page's address gives it. */
  let sandbox = '';

  beforeAll(async () => {
    browser = await launchChromium();
    member = await newPerson(browser);
    college = await newPerson(browser);
    page = await member.newPage();
    desk = await college.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  step('the member and the collège’s manager log in; the member’s organisation is declared and verified', async () => {
    await page.goto('/organisations');
    await page.waitForURL(/\/connexion\?returnTo=/);
    await logInWith(page, 'franceconnect', MEMBER.key);
    await page.waitForURL((url) => url.pathname === '/organisations');
    const declared = await callApi<{ id: string }>(member, 'POST', '/api/booking/organisations', {
      name: organisation.name,
      kind: 'association',
      rna: organisation.rna,
      address: '3 place de la Mairie',
      postalCode: '38270',
      communeName: 'Beaurepaire',
      eligibility: { notReligious: true, notPolitical: true, notProfitMaking: true },
      republicanContractAcknowledged: true,
      insuranceReference: 'MAIF 7788990',
      insuranceExpiresOn: parisDate(365),
    });
    organisationId = declared.id;

    const admin = await newPerson(browser);
    const adminPage = await admin.newPage();
    await adminPage.goto('/admin/organisations');
    await logInWith(adminPage, 'proconnect', AGENTS.nathalieRoux.sub);
    await callApi(admin, 'POST', `/api/booking/organisations/${organisationId}/verify`);
    await admin.close();

    await desk.goto('/gestion');
    await desk.waitForURL(/\/connexion\?returnTo=/);
    await desk.locator('main h1', { hasText: 'Connexion à' }).waitFor();
    await desk.click('button.salle-connect--proconnect');
    await desk.waitForURL(/\/proconnect\/interaction\//);
    await desk.locator('button[name="identity"]', { hasText: INES_LAMBERT }).click();
    await desk.waitForURL(/\/gestion\/[0-9a-f-]{36}$/);
    await desk.locator('main h1', { hasText: 'Tableau de bord' }).waitFor();
    expect(await text(desk)).toContain(JACQUES_BREL.name);
    establishmentId = /\/gestion\/([0-9a-f-]{36})$/.exec(desk.url())?.[1] ?? '';
  });

  step('the member requests two evenings at Jacques Brel; the collège approves both', async () => {
    // Three weeks ahead and later: cancelling a week or more before refunds in full (the default policy).
    const query = new URLSearchParams({
      from: parisDate(21),
      to: parisDate(42),
      durationMinutes: '120',
      timeFrom: '18:00',
      timeTo: '22:00',
      communeInsee: JACQUES_BREL.communeInsee,
      radiusKm: '1',
    });
    const found = await callApi<{
      items: {
        space: { id: string };
        establishment: { id: string; name: string };
        price: { cents: number } | null;
        slots: Slot[];
      }[];
    }>(member, 'GET', `/api/booking/search?${query.toString()}`);
    // A priced space (PayFiP takes 1 € at least) with two free evenings.
    const space = found.items.find(
      (item) => item.establishment.id === establishmentId && (item.price?.cents ?? 0) >= 100 && item.slots.length >= 2,
    );
    if (!space) throw new Error(`no priced space with two free evenings at ${JACQUES_BREL.name}`);
    const request = (slot: Slot, purpose: string) =>
      callApi<Booking>(member, 'POST', '/api/booking/bookings', {
        spaceId: space.space.id,
        organisationId,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        purpose,
        attendees: 12,
      });
    const [first, second] = space.slots;
    if (!first || !second) throw new Error('two slots expected');
    const requested = [await request(first, 'Entraînement de basket'), await request(second, 'Match amical')];
    for (const booking of requested)
      await callApi(college, 'POST', `/api/booking/bookings/${booking.id}/approve`, { message: 'Bienvenue.' });
    [byCard, byDebit] = (await Promise.all(
      requested.map((booking) => callApi<Booking>(member, 'GET', `/api/booking/bookings/${booking.id}`)),
    )) as [Booking, Booking];
    expect(byCard.priceCents).toBeGreaterThanOrEqual(100);
  });

  step(
    'the convention is signed before payment, when the stack asks it (organisation, collège, département)',
    async () => {
      for (const booking of [byCard, byDebit]) {
        const signing = await callApi<{ status: string }>(
          member,
          'GET',
          `/api/booking/bookings/${booking.id}/convention/signing`,
        );
        if (signing.status === 'off') continue;
        // The member signs in the browser, on the booking's page.
        await page.goto(`/reservations/${booking.id}`);
        await page.getByRole('button', { name: 'Signer la convention' }).waitFor();
        await page.getByLabel(CONVENTION_CONSENT.text).check();
        await page.getByRole('button', { name: 'Signer la convention' }).click();
        await page.getByRole('button', { name: 'Signer la convention' }).waitFor({ state: 'detached' });
        // The collège signs by its signatory manager: the département admin names Inès LAMBERT so (once), and she
        // signs with her session; the département then signs by its standing delegation.
        const managers = await callApi<{
          managers: { accountId: string; displayName: string | null; signatory?: boolean }[];
        }>(college, 'GET', `/api/booking/establishments/${establishmentId}/managers`);
        const ines = managers.managers.find((manager) => manager.displayName?.toUpperCase().includes('LAMBERT'));
        if (!ines) throw new Error('Inès LAMBERT is not among the collège’s managers');
        if (!ines.signatory) {
          const admin = await newPerson(browser);
          const adminPage = await admin.newPage();
          await adminPage.goto('/admin');
          await logInWith(adminPage, 'proconnect', AGENTS.nathalieRoux.sub);
          await callApi(
            admin,
            'PUT',
            `/api/booking/establishments/${establishmentId}/managers/${ines.accountId}/signatory`,
            { signatory: true },
          );
          await admin.close();
        }
        const view = await callApi<{ documentSha256: string }>(
          college,
          'GET',
          `/api/booking/bookings/${booking.id}/convention/signing`,
        );
        const signed = await callApi<{ status: string }>(
          college,
          'POST',
          `/api/booking/bookings/${booking.id}/convention/signatures`,
          { documentSha256: view.documentSha256, consent: true, consentVersion: CONVENTION_CONSENT.version },
        );
        expect(signed.status).toBe('signed');
      }
    },
  );

  /** From the booking's page to the PayFiP sandbox's payment page: the payer's e-mail is asked first. */
  async function openPayFiP(booking: Booking): Promise<void> {
    await page.goto(`/reservations/${booking.id}`);
    await page.getByRole('button', { name: /^Payer / }).click();
    const email = page.getByLabel('Adresse électronique du payeur');
    await email.waitFor();
    await checkpoint(page, 'email-du-payeur');
    await email.fill(MEMBER.email);
    await page.getByRole('button', { name: /avec PayFiP$/ }).click();
    await page.waitForURL(/\/tpa\/paiementws\.web\?idop=/);
    sandbox = new URL(page.url()).origin;
    await page.locator('h1', { hasText: 'Paiement en ligne' }).waitFor();
    expect(await text(page, 'body')).toContain(MEMBER.email);
  }
  /** Back on our pages from the payment page, the booking's status as the page shows it. */
  const status = () => page.locator('main p', { hasText: 'Statut' }).locator('.salle-badge');
  const statusOf = async () => ((await status().textContent()) ?? '').trim();

  step('the member pays the first booking by card on PayFiP’s page: the booking is confirmed', async () => {
    await openPayFiP(byCard);
    await checkpoint(page, 'page-de-paiement');
    await page.locator('input[name="choix"][value="card"]').check();
    await page.getByRole('button', { name: /^Valider le paiement/ }).click();
    await page.waitForURL(
      (url) => url.origin === new URL(baseUrl()).origin && url.pathname.startsWith('/reservations/'),
    );
    // The notification only wakes the payment service, which reads the result back from PayFiP and confirms.
    await status().filter({ hasText: 'Confirmée' }).waitFor({ timeout: 30_000 });
    await checkpoint(page, 'paye-par-carte');
  });

  step('the second booking, paid by SEPA debit, waits until the simulated clock settles it days later', async () => {
    await openPayFiP(byDebit);
    await page.locator('input[name="choix"][value="debit"]').check();
    await page.getByRole('button', { name: /^Valider le paiement/ }).click();
    await page.waitForURL(
      (url) => url.origin === new URL(baseUrl()).origin && url.pathname.startsWith('/reservations/'),
    );
    // PayFiP answers "not known yet" (P5) until the debit settles: the booking still waits for its payment.
    await page.waitForTimeout(3_000);
    await page.reload();
    await status().waitFor();
    expect(await statusOf()).toBe('En attente de paiement');
    await checkpoint(page, 'prelevement-en-cours');

    // The sandbox's control API moves its simulated clock three days on (the debits' settlement delay).
    const moved = await fetch(`${sandbox}/_sandbox/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceDays: 3 }),
    });
    expect(moved.status).toBe(200);
    // The settlement's notification wakes the payment service, which reads the debit back as paid (V).
    const deadline = Date.now() + 30_000;
    while (!(await statusOf()).includes('Confirmée')) {
      if (Date.now() > deadline) throw new Error(`the settled debit left the booking « ${await statusOf()} »`);
      await page.waitForTimeout(1_000);
      await page.reload();
      await status().waitFor();
    }
    await checkpoint(page, 'prelevement-regle');
  });

  step('the card-paid booking is cancelled: the refund is a request to the collège’s accountant', async () => {
    await page.goto(`/reservations/${byCard.id}`);
    await page.getByRole('button', { name: 'Annuler la réservation' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await text(page, '[role="dialog"]')).toContain('Le remboursement sera de');
    await dialog.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await page.locator('text=Réservation annulée.').waitFor();
    await page.locator('main li', { hasText: 'Remboursement en cours' }).waitFor({ timeout: 30_000 });
    await checkpoint(page, 'annulee-remboursement-en-cours');

    // The collège's manager sees the request with PayFiP's references, on « Recettes et versements ».
    const panel = desk.locator('section', { has: desk.locator('h2', { hasText: 'Remboursements à demander' }) });
    const request = panel.locator('article', { hasText: organisation.name });
    const deadline = Date.now() + 30_000;
    for (;;) {
      await desk.goto(`/gestion/${establishmentId}/recettes`);
      await desk.locator('main h1', { hasText: 'Recettes et versements' }).waitFor();
      await desk.waitForFunction(() => document.querySelectorAll('.salle-loading').length === 0);
      if (await request.count()) break;
      if (Date.now() > deadline) throw new Error('no refund request for the accountant');
      await desk.waitForTimeout(1_000);
    }
    expect(await text(desk, 'main')).toContain('1 demande en attente.');
    expect(await request.textContent()).toMatch(/100\s% du paiement, pour annulation de la réservation/);
    expect(await request.textContent()).toMatch(/Références PayFiP\s: dette \w+, opération [0-9a-f-]{36}/);
    await checkpoint(desk, 'demande-au-comptable');
    // Sent empty first: the field says what is missing.
    await request.getByRole('button', { name: 'Enregistrer le remboursement' }).click();
    await request.locator('[aria-invalid="true"]').waitFor();
    await request.getByLabel('Référence du mandat de remboursement').fill(`MANDAT-2026-${run}`);
    await request.getByRole('button', { name: 'Enregistrer le remboursement' }).click();
    await request.locator('text=Remboursé').waitFor();
    expect(await request.textContent()).toContain(`mandat MANDAT-2026-${run}`);
    await checkpoint(desk, 'remboursement-enregistre');
  });

  step('the member sees the booking repaid', async () => {
    await page.goto(`/reservations/${byCard.id}`);
    await page.locator('main li', { hasText: 'Montant remboursé' }).waitFor({ timeout: 30_000 });
    expect(await text(page)).not.toContain('Remboursement en cours');
    await checkpoint(page, 'rembourse');
  });
});
