import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { CONVENTION_CONSENT } from '@salle/contracts/browser';
import {
  baseUrl,
  errorsOf,
  hasPaymentService,
  launchChromium,
  navigateInApp,
  newPerson,
  keepEveryScreenshot,
  screenshot,
  accessibilityViolations,
  horizontalOverflow,
  tabTo,
} from '../src/browser-kit';
import { actionLink, actionPath, mailsTo, plainSpaces } from '../src/mail-inbox';
import { AGENTS, COLLEGE, FRANCECONNECT_TEST, logInWith, logOut } from '../src/sandbox-identities';
import { ARTIFACTS } from '../src/stack/dev-stack';

// The whole journey in Debian's Chromium, against the real stack
// that `npm start` runs (started once by globalSetup): the seeded Isère, the
// identity sandbox's FranceConnect and ProConnect, the gateway and its
// services. Steps run in order and share what they created.

/** A date of Paris's calendar, `days` from today. */
function parisDate(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  return new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The value a react-aria date or time field of form `formId` submits (its hidden input named `name`). */
const segmentedValue = (page: Page, formId: string, name: string) =>
  page.inputValue(`form#${formId} input[name="${name}"]`);

/**
 * Types `digits` into the react-aria date or time field `#formId-name` from its first segment, as a person does
 * (« 11012027 » for 11/01/2027, « 1800 » for 18:00), and returns what it shows.
 */
async function typeIntoSegments(page: Page, formId: string, name: string, digits: string): Promise<string> {
  await page.locator(`#${formId}-${name} [role="spinbutton"]`).first().focus();
  await page.keyboard.type(digits);
  return ((await page.textContent(`#${formId}-${name}`)) ?? '').replace(/[^\d/:]/g, '');
}
const frenchDigits = (isoDate: string) => isoDate.split('-').reverse().join('');

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
/** "18:00" → "18 h", "19:15" → "19 h 15", as the app writes times. */
const frenchTime = (time: string) =>
  `${Number(time.slice(0, 2))} h${time.endsWith(':00') ? '' : ` ${time.slice(3, 5)}`}`;
/** "32 €", "Payer 32,00 €" → 3200. */
const cents = (label: string | null) =>
  Math.round(
    Number(
      /(\d[\d\s\u202f]*(?:,\d+)?)\s?€/
        .exec(label ?? '')?.[1]
        ?.replace(/[\s\u202f]/g, '')
        .replace(',', '.'),
    ) * 100,
  );
const text = async (page: Page, selector = 'main') => ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ');

/** The journey runs at the widest; every page state it reaches is also checked at the narrower widths. */
const WIDTHS = [1280, 768, 360] as const;

let shots = 0;
/**
 * Every page state of the journey, at 1280, 768 and 360 px: no WCAG 2.1 A or
 * AA axe-core violation of any impact, nothing scrolling sideways on the app's
 * own pages, no script error; a screenshot of each width found wrong (of every width with
 * E2E_SCREENSHOTS=all) kept as an artefact.
 * The page is resized in place (its state kept), then brought back to 1280 px.
 */
async function checkpoint(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.salle-loading').length === 0);
  const shot = String(++shots).padStart(2, '0');
  const ours = new URL(page.url()).origin === new URL(baseUrl()).origin;
  const found: { width: number; violations: unknown[]; overflow: number }[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    const state = {
      width,
      violations: await accessibilityViolations(page),
      overflow: ours ? Math.max(0, await horizontalOverflow(page)) : 0,
    };
    found.push(state);
    const wrong = state.violations.length > 0 || state.overflow > 0 || errorsOf(page).length > 0;
    if (wrong || keepEveryScreenshot) await screenshot(page, `${wrong ? 'FAILED-' : ''}${shot}-${name}-${width}px`);
  }
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
  expect({ page: name, url: page.url(), found, errors: errorsOf(page) }).toEqual({
    page: name,
    url: page.url(),
    found: WIDTHS.map((width) => ({ width, violations: [], overflow: 0 })),
    errors: [],
  });
}

/**
 * Screens reached through the app's own links, as a person browsing would:
 * each shows its heading, without an error alert or the error boundary.
 */
async function tour(
  page: Page,
  name: string,
  screens: { link: string | RegExp; within: string; heading: string }[],
): Promise<void> {
  for (const screen of screens) {
    await page.locator(screen.within).getByRole('link', { name: screen.link, exact: true }).first().click();
    await page.locator('main h1', { hasText: screen.heading }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.salle-loading').length === 0);
    const alerts = await page.$$eval('main .salle-alert--error', (items) => items.map((item) => item.textContent));
    expect({
      screen: screen.heading,
      alerts,
      boundary: await page.isVisible('text=Cette page n’a pas pu s’afficher.'),
    }).toEqual({ screen: screen.heading, alerts: [], boundary: false });
    const slug = screen.heading
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-zA-Z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase();
    await checkpoint(page, `${name}-${slug}`);
  }
}

/** Another département: its site configuration, the stylesheet the gateway derives from its colours, its logo. */
const DROME = {
  config: {
    departmentName: 'Département de la Drôme',
    serviceTitle: 'Salles des collèges',
    serviceTagline: 'Les gymnases et salles des collèges de la Drôme pour les associations',
    logo: { url: '/site/logo', alt: 'Département de la Drôme' },
    contactEmail: 'salles@ladrome.example',
    legal: {
      notice: {
        publisher: {
          name: 'Département de la Drôme',
          address: '26 avenue du Président-Herriot, 26000 Valence',
          phone: '04 75 00 00 00',
          email: 'salles@ladrome.example',
        },
        publicationDirector: 'La présidente du Conseil départemental de la Drôme',
        host: { name: 'Hébergeur Drômois SAS', address: '1 rue des Serveurs, 26000 Valence', phone: '04 75 00 00 01' },
      },
      personalData: {
        controller: 'Département de la Drôme',
        dpoContact: 'dpo@ladrome.example',
        purposes: ['Gérer les réservations des salles des collèges.'],
        legalBases: ['Mission d’intérêt public (article 6.1.e du RGPD).'],
        retention: ['Réservations : 5 ans.'],
        recipients: ['Les agents du département et des collèges.'],
        rightsContact: 'dpo@ladrome.example',
      },
      accessibility: {
        assessmentDate: '2026-10-02',
        assessedBy: 'la mission numérique du département',
        rgaaVersion: '4.1.2',
        applicableCriteria: 60,
        compliantCriteria: 20,
        nonCompliances: ['Le calendrier n’a pas d’alternative sous forme de liste.'],
        derogations: [],
        contact: 'accessibilite@ladrome.example',
        statementDate: '2026-10-15',
      },
    },
  },
  themeCss:
    ':root{--salle-primary:#6a1b4d;--salle-on-primary:#ffffff;--salle-secondary:#00705a;--salle-on-secondary:#ffffff}\n',
  logo: '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="56" viewBox="0 0 160 56"><rect width="160" height="56" fill="#00705a"/><text x="12" y="36" font-size="20" fill="#ffffff">Drôme</text></svg>',
};

let browser: Browser;
let brokenAt: string | null = null;

/**
 * A journey step. When one fails, every open page is kept as a screenshot
 * (FAILED-*.jpg), and the next steps stop at once instead of waiting for a
 * page that will never come.
 */
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
          await screenshot(open, `FAILED-${name.replace(/\W+/g, '-').slice(0, 40)}-${index}`).catch(() => undefined);
        throw error;
      }
      // Each page state is checked at three widths: a step takes minutes on a loaded 2-core machine.
    },
    300_000,
  );
}

describe('the whole journey in a browser, against the stack npm start runs', () => {
  const run = Date.now().toString(36).slice(-5);
  const organisation = { name: `Escalade Allevard Belledonne ${run}`, rna: `W38${String(Date.now()).slice(-7)}` };
  let member: BrowserContext;
  let page: Page;
  let requestUrl = '';
  let spaceId = '';
  let requestedCount = 0;
  /** When the series was requested: the e-mails about it arrive after. */
  let requestedAt = '';
  /** The first session's page, where the member asks the collège (who answers from the series' page). */
  let talkPath = '';
  /** The series' page, where its members sign its one convention. */
  let seriesPath = '';
  /** The collège agent's browser, kept from the approval (3) to the countersignature (3c). */
  let college: BrowserContext;
  let collegeDesk: Page;
  const QUESTION = 'Peut-on accéder aux vestiaires dès 18 h 30 ?';
  const ANSWER = 'Oui, le gardien ouvre le gymnase à 18 h 15.';
  /** "My bookings": the table of upcoming bookings of this run's organisation. */
  const upcomingOfOurs = () =>
    page
      .locator('main section', { has: page.locator('h2', { hasText: organisation.name }) })
      .locator('table')
      .first();
  const textOf = async (locator: { textContent(): Promise<string | null> }) =>
    ((await locator.textContent()) ?? '').replace(/\s+/g, ' ');
  /** The « Convention » section of a booking or series page. */
  const conventionOf = (on: Page) => on.locator('section[aria-labelledby="convention-titre"]');
  /** Who signed so far, one line each (« Pour l’organisation, <name>, le <date> (<method>…) »). */
  const signaturesIn = async (convention: Locator) =>
    (await convention.getByRole('list', { name: 'Signatures' }).locator('li').allTextContents()).map((line) =>
      line.replace(/\s+/g, ' '),
    );
  /** Ticks the explicit consent and signs: the section then says whose turn it is (or that all signed). */
  const signConvention = async (convention: Locator, outcome: string) => {
    await convention.getByLabel(CONVENTION_CONSENT.text).check();
    await convention.getByRole('button', { name: 'Signer la convention' }).click();
    await convention.getByRole('status').filter({ hasText: outcome }).waitFor();
    expect(await convention.getByRole('button', { name: 'Signer la convention' }).count()).toBe(0);
  };

  beforeAll(async () => {
    browser = await launchChromium();
    member = await newPerson(browser);
    page = await member.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  step(
    '1. a visitor searches by dates, time window, duration, capacity, kind and commune, and sees the results',
    async () => {
      const scripts: Promise<number>[] = [];
      const measure = (response: Response) => {
        if (response.request().resourceType() === 'script')
          scripts.push(response.body().then((body) => gzipSync(body, { level: 9 }).length));
      };
      page.on('response', measure);
      await page.goto('/', { waitUntil: 'networkidle' });
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.textContent('main h1')).toBe('Trouver une salle dans un collège');
      expect(await page.getAttribute('header img', 'alt')).toBe('Département de l’Isère');
      expect(await page.getAttribute('header img', 'src')).toBe('/site/logo');
      // The status the shipped self-assessment gives (52 criteria met out of 64).
      expect(await text(page, 'footer')).toContain('Accessibilité : partiellement conforme');
      // What a visitor downloads for the first page, gzipped as a server would send it (CSS and fonts aside).
      const firstPageKb = (await Promise.all(scripts)).reduce((sum, size) => sum + size, 0) / 1024;
      page.off('response', measure);
      expect(scripts.length).toBeGreaterThan(0);
      expect(firstPageKb).toBeLessThanOrEqual(150);
      await checkpoint(page, 'accueil');

      const from = parisDate(7);
      const to = parisDate(20);
      // The French segmented fields: day, month, year; hours and minutes on 24 hours, whatever the browser's locale.
      expect(await typeIntoSegments(page, 'recherche', 'from', frenchDigits(from))).toBe(
        from.split('-').reverse().join('/'),
      );
      await typeIntoSegments(page, 'recherche', 'to', frenchDigits(to));
      expect(await typeIntoSegments(page, 'recherche', 'timeFrom', '1800')).toBe('18:00');
      await typeIntoSegments(page, 'recherche', 'timeTo', '2200');
      expect(await segmentedValue(page, 'recherche', 'to')).toBe(to);
      expect(await segmentedValue(page, 'recherche', 'timeTo')).toMatch(/^22:00/);
      await page.selectOption('#recherche-durationMinutes', '120');
      await page.fill('#recherche-minCapacity', '20');
      await page.selectOption('#recherche-kinds', 'gymnasium');
      await page.selectOption('#recherche-category', 'association');
      await page
        .locator(`#recherche-communeInsee option[value="${COLLEGE.communeInsee}"]`)
        .waitFor({ state: 'attached' });
      // The commune is a native select until reached: the focus coming in by Tab fetches the combobox, which takes
      // its place and the focus; it filters as one types (case and accents aside), the arrow keys and Enter choose.
      await page.focus('#recherche-category');
      await page.keyboard.press('Tab');
      await page.waitForFunction(() => document.activeElement?.matches('input#recherche-communeInsee'));
      await page.keyboard.type('allev');
      await page.getByRole('option', { name: COLLEGE.commune, exact: true }).waitFor();
      const offered = await page.getByRole('option').allTextContents();
      expect(offered[0]).toBe(COLLEGE.commune);
      for (const name of offered) expect(name.normalize('NFD').toLowerCase()).toContain('allev');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await page.inputValue('#recherche-communeInsee')).toBe(COLLEGE.commune);
      expect(await page.inputValue('input[type="hidden"][name="communeInsee"]')).toBe(COLLEGE.communeInsee);
      // axe once the list is closed (while open, react-aria hides the rest of the page from screen readers).
      await page.keyboard.press('Tab');
      await checkpoint(page, 'accueil-commune');

      const started = performance.now();
      await page.click('form#recherche button[type="submit"]');
      await page.locator('.salle-results article').first().waitFor();
      const latencyMs = Math.round(performance.now() - started);
      mkdirSync(ARTIFACTS, { recursive: true });
      const measured = {
        searchLatencyMs: latencyMs,
        firstPageJavaScriptKbGzipped: Math.round(firstPageKb * 10) / 10,
        search: { from, to, commune: COLLEGE.commune },
      };
      writeFileSync(join(ARTIFACTS, 'measurements.json'), JSON.stringify(measured, null, 2));
      process.stdout.write(
        `search results shown ${latencyMs} ms after submitting; first page JavaScript ${measured.firstPageJavaScriptKbGzipped} kB gzipped\n`,
      );
      // Printed, not asserted: a timed check fails whenever the machine is busy (npm test runs the journey beside the
      // integration suites). The target lives in the pages benchmark (tools/bench/pages, ≤ 300 ms on a quiet run).

      const query = new URL(page.url()).searchParams;
      expect(Object.fromEntries(query)).toMatchObject({
        du: from,
        au: to,
        apres: '18:00',
        avant: '22:00',
        duree: '120',
        capacite: '20',
        type: 'gymnasium',
        commune: COLLEGE.communeInsee,
      });
      const cards = await page.$$eval('.salle-results article', (articles) =>
        articles.map((article) => (article.textContent ?? '').replace(/\s+/g, ' ')),
      );
      expect(cards.length).toBeGreaterThan(0);
      for (const card of cards) {
        // Each card is titled with the space and its collège.
        expect(card).toContain(`Gymnase – ${COLLEGE.name}`);
        expect(card).toContain(COLLEGE.commune);
        expect(Number(/(\d+) personnes/.exec(card)?.[1])).toBeGreaterThanOrEqual(20);
        expect(card).toMatch(/\d+(,\d+)?\s€ pour 2 h/);
        expect(card).toContain('Prochains créneaux libres');
      }
      // Checked at 360, 768 and 1280 px: nothing scrolls sideways.
      await checkpoint(page, 'resultats');

      // The space's week calendar, then back to the results.
      await page.locator('.salle-results > li:first-child h3 a').click();
      await page.locator('.salle-week').waitFor();
      expect(await text(page, '.salle-week')).toMatch(/Libre/);
      expect(await text(page, 'table')).toContain('Association');
      spaceId = new URL(page.url()).pathname.split('/')[2] ?? '';
      await checkpoint(page, 'espace-calendrier');
      await page.goBack();
      await page.locator('.salle-results article').first().waitFor();
    },
  );

  step('2a. the visitor picks a slot, logs in through FranceConnect and declares an organisation', async () => {
    // The first free slot of the space just seen: reserving needs an account.
    await page.locator('.salle-results > li:first-child .salle-slots a').first().click();
    await page.waitForURL(/\/connexion\?returnTo=/);
    const returnTo = new URL(page.url()).searchParams.get('returnTo') ?? '';
    expect(returnTo.startsWith(`/espaces/${spaceId}/reserver?debut=`)).toBe(true);
    expect(await text(page, 'button.salle-connect--franceconnect')).toMatch(/S’identifier avec\s*FranceConnect/);
    expect(await page.getAttribute('a:has-text("Qu’est-ce que FranceConnect ?")', 'href')).toBe(
      'https://franceconnect.gouv.fr/',
    );
    await checkpoint(page, 'connexion');

    await page.click('button.salle-connect--franceconnect');
    await page.waitForURL(/\/franceconnect\/interaction\//);
    await checkpoint(page, 'franceconnect-bac-a-sable');
    await page.click(`button[name="identity"][value="${FRANCECONNECT_TEST.key}"]`);
    await page.waitForURL((url) => url.pathname.endsWith('/reserver'));
    requestUrl = new URL(page.url()).pathname + new URL(page.url()).search;
    expect(requestUrl).toBe(returnTo);
    await page.locator('header', { hasText: FRANCECONNECT_TEST.displayName }).waitFor();
    // A fresh FranceConnect account acts for no organisation yet (against a stack given by
    // E2E_BASE_URL, it may have some from an earlier run: it declares one more).
    await page.locator('text=Déclarez d’abord votre organisation').or(page.locator('form#demande')).first().waitFor();
    if (await page.isVisible('text=Déclarez d’abord votre organisation')) {
      await checkpoint(page, 'demande-sans-organisation');
      await page.click('a:has-text("Déclarer mon organisation")');
    } else {
      await page.goto('/organisations/nouvelle');
    }
    await page.locator('main h1', { hasText: 'Déclarer une organisation' }).waitFor();
    // Sent empty first: the form shows its errors, which must be as accessible as the rest.
    await page.click('form#organisation button[type="submit"]');
    await page.locator('main .salle-alert--error').waitFor();
    expect(await page.locator('form#organisation [aria-invalid="true"]').count()).toBeGreaterThan(0);
    await checkpoint(page, 'declaration-organisation-erreurs');
    await page.fill('#organisation-name', organisation.name);
    await page.fill('#organisation-identifier', organisation.rna);
    await page.fill('#organisation-address', '12 place de la Résistance');
    await page.fill('#organisation-postalCode', '38580');
    await page.fill('#organisation-communeName', 'Allevard');
    for (const label of [
      'pas d’objet cultuel',
      'pas d’objet politique',
      'pas lucratives',
      'contrat d’engagement républicain',
    ]) {
      await page.locator('label', { hasText: label }).click();
    }
    await page.fill('#organisation-insuranceReference', 'MAIF 4455667');
    await page.fill('#organisation-insuranceExpiresOn', parisDate(365));
    await checkpoint(page, 'declaration-organisation');
    await page.click('form#organisation button[type="submit"]');
    await page.locator('h1', { hasText: 'Organisation déclarée' }).waitFor();
    expect(await text(page)).toContain(`${organisation.name} est enregistrée.`);
    await checkpoint(page, 'organisation-declaree');
  });

  step('2a. the owner uploads the organisation’s insurance certificate', async () => {
    await navigateInApp(page, '/organisations');
    const panel = page.locator('section', { has: page.locator('h2', { hasText: organisation.name }) });
    await panel.getByText('Aucune attestation d’assurance déposée.').waitFor();
    await panel.getByLabel('Assureur').fill('MAIF');
    await panel.getByLabel('Numéro de contrat').fill('4455667');
    await panel.locator('[id$="-expiresOn"] [role="spinbutton"]').first().click();
    await page.keyboard.type(parisDate(365).split('-').reverse().join(''));
    const certificate = await PDFDocument.create();
    certificate.addPage().drawText('Attestation d’assurance MAIF 4455667', { x: 50, y: 700 });
    await panel.locator('input[type="file"]').setInputFiles({
      name: 'attestation-maif.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await certificate.save()),
    });
    await panel.getByRole('button', { name: 'Déposer l’attestation' }).click();
    await panel.getByText('Attestation déposée.', { exact: false }).waitFor();
    expect(await panel.textContent()).toMatch(/MAIF, contrat 4455667, valable jusqu’au/);
    await checkpoint(page, 'attestation-deposee');
  });

  step('2a+. the owner invites a volunteer through a link; she logs in through FranceConnect and joins', async () => {
    await navigateInApp(page, '/organisations');
    const panel = page.locator('section', { has: page.locator('h2', { hasText: organisation.name }) });
    await panel.getByRole('button', { name: 'Créer un lien d’invitation' }).click();
    const link = await panel.locator('.salle-copy input').inputValue();
    expect(link).toMatch(new RegExp(`^${new URL(baseUrl()).origin}/rejoindre#[A-Za-z0-9_-]{43}$`));
    await checkpoint(page, 'invitation-creee');

    const volunteer = await newPerson(browser);
    {
      const invited = await volunteer.newPage();
      await invited.goto(link);
      // The secret leaves the address bar at once, and survives the login round trip.
      await invited.locator('main').getByRole('link', { name: 'Se connecter' }).click();
      await logInWith(invited, 'franceconnect', 'bdd_default');
      await invited.waitForURL((url) => url.pathname === '/rejoindre' && url.hash === '');
      await invited.locator('main h2', { hasText: organisation.name }).waitFor();
      expect(await text(invited)).toContain('comme membre');
      await checkpoint(invited, 'invitation-ouverte');
      await invited.getByRole('button', { name: `Rejoindre ${organisation.name}` }).click();
      await invited.waitForURL((url) => url.pathname === '/organisations');
      await invited.locator('main h1', { hasText: 'Mon organisation' }).waitFor();
      const joined = invited.locator('section', { has: invited.locator('h2', { hasText: organisation.name }) });
      await joined.locator('text=Vous en êtes membre.').waitFor();
      await checkpoint(invited, 'organisation-rejointe');
    }
    await volunteer.close();

    await page.reload();
    const jeanne = panel.locator('li', { hasText: 'Jeanne' });
    await jeanne.waitFor();
    expect(await textOf(jeanne)).toContain('membre');
    // The owner names her responsable too, then takes it back.
    await jeanne.getByRole('button', { name: /Nommer responsable/ }).click();
    await jeanne.getByRole('button', { name: /Retirer le rôle de responsable/ }).waitFor();
    expect(await textOf(jeanne)).toContain('responsable');
    await jeanne.getByRole('button', { name: /Retirer le rôle de responsable/ }).click();
    await jeanne.getByRole('button', { name: /Nommer responsable/ }).waitFor();
    expect(await textOf(jeanne)).toContain('membre');
  });

  step('2b. a département admin logs in through ProConnect, verifies the organisation and logs out', async () => {
    const admin = await newPerson(browser);
    {
      const desk = await admin.newPage();
      await desk.goto('/admin/organisations');
      await desk.waitForURL(/\/connexion\?returnTo=%2Fadmin%2Forganisations/);
      await logInWith(desk, 'proconnect', AGENTS.nathalieRoux.sub);
      await desk.waitForURL((url) => url.pathname === '/admin/organisations');
      const card = desk.locator('article', { has: desk.locator('h2', { hasText: organisation.name }) });
      await card.waitFor();
      expect(await card.textContent()).toContain(`RNA ${organisation.rna}`);
      await checkpoint(desk, 'admin-organisations-a-verifier');
      await card.getByRole('button', { name: `Valider ${organisation.name}` }).click();
      await desk.locator(`text=${organisation.name} : vérifiée.`).waitFor();
      await checkpoint(desk, 'admin-organisation-verifiee');
      await tour(desk, 'admin', [
        { link: 'Administration', within: 'header', heading: 'Administration' },
        { link: 'Établissements', within: 'main', heading: 'Établissements' },
        { link: 'Administration', within: 'header', heading: 'Administration' },
        { link: 'Statistiques', within: 'main', heading: 'Statistiques' },
        { link: 'Administration', within: 'header', heading: 'Administration' },
        { link: 'Import et export CSV', within: 'main', heading: 'Import et export CSV' },
        { link: AGENTS.nathalieRoux.displayName, within: 'header', heading: 'Mon compte' },
      ]);
      await logOut(desk);
      expect(await text(desk, 'body')).toContain('ProConnect');
      await checkpoint(desk, 'admin-deconnecte');
    }
    await admin.close();
  });

  step('2c. the member requests a weekly series with the per-occurrence preview, with the keyboard alone', async () => {
    await page.goto(requestUrl);
    await page.locator('form#demande').waitFor();
    const organisationId = await page.$eval(
      '#demande-organisationId',
      (select, name) =>
        [...(select as HTMLSelectElement).options].find((option) => option.text === `${name} (vérifiée)`)?.value ?? '',
      organisation.name,
    );
    expect(organisationId).not.toBe('');

    // From the top of the page, Tab and arrow keys only.
    await page.locator('body').focus();
    await tabTo(page, '#demande-organisationId');
    for (
      let presses = 0;
      presses < 10 && (await page.inputValue('#demande-organisationId')) !== organisationId;
      presses++
    )
      await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#demande-organisationId')).toBe(organisationId);
    await tabTo(page, '#demande-mode input[type="radio"]:checked');
    await page.keyboard.press('ArrowRight');
    expect(await page.isChecked('#demande-mode input[type="radio"][value="weekly"]')).toBe(true);
    // The chosen slot, for the duration searched (2 h), within the time window (18:00–22:00).
    // The date and times are react-aria segmented fields, read in French (« 06/12/2026 », « 18:00 »); their hidden
    // inputs hold the values the form sends.
    const firstDate = await segmentedValue(page, 'demande', 'date');
    expect(firstDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const shown = async (selector: string) => (await page.textContent(selector))?.replace(/[^\d/:]/g, '');
    expect(await shown('#demande-date')).toBe(firstDate.split('-').reverse().join('/'));
    const [startTime, endTime] = [
      (await segmentedValue(page, 'demande', 'startTime')).slice(0, 5),
      (await segmentedValue(page, 'demande', 'endTime')).slice(0, 5),
    ];
    expect(await shown('#demande-startTime')).toBe(startTime);
    // Typed on the keyboard, segment by segment (hours then minutes, 24 h): another end time, then back.
    await tabTo(page, '#demande-endTime [role="spinbutton"]');
    await page.keyboard.type('2330');
    expect((await segmentedValue(page, 'demande', 'endTime')).slice(0, 5)).toBe('23:30');
    expect(await shown('#demande-endTime')).toBe('23:30');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(endTime.replace(':', ''));
    expect((await segmentedValue(page, 'demande', 'endTime')).slice(0, 5)).toBe(endTime);
    expect(minutesOf(endTime) - minutesOf(startTime)).toBe(120);
    expect(minutesOf(startTime)).toBeGreaterThanOrEqual(18 * 60);
    await tabTo(page, '#demande-purpose');
    await page.keyboard.type('Entraînement d’escalade des jeunes');
    await tabTo(page, '#demande-attendees');
    // A wrong number first: the form shows its error, then the member corrects it, still with the keyboard.
    await page.keyboard.type('0');
    await tabTo(page, 'form#demande button[type="submit"]');
    expect(await page.textContent('form#demande button[type="submit"]')).toBe('Voir les séances de la série');
    await page.keyboard.press('Enter');
    await page.locator('main .salle-alert--error').waitFor();
    expect(await page.getAttribute('#demande-attendees', 'aria-invalid')).toBe('true');
    await checkpoint(page, 'serie-erreurs');
    await tabTo(page, '#demande-attendees');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('16');
    await tabTo(page, 'form#demande button[type="submit"]');
    await page.keyboard.press('Enter');

    const heading = page.locator('#apercu-titre');
    await heading.waitFor();
    const [, free, total] = /(\d+) séances? libres? sur (\d+)/.exec((await heading.textContent()) ?? '') ?? [];
    const rows = await page.$$eval('#apercu-titre ~ div table tbody tr', (items) =>
      items.map((row) => (row.textContent ?? '').replace(/\s+/g, ' ')),
    );
    expect(rows).toHaveLength(Number(total));
    expect(rows.filter((row) => row.includes('Libre'))).toHaveLength(Number(free));
    const firstFreeDay = await page.$$eval(
      '#apercu-titre ~ div table tbody tr',
      (items) => items.find((row) => row.textContent?.includes('Libre'))?.querySelector('th')?.textContent ?? '',
    );
    expect(Number(free)).toBeGreaterThan(1);
    expect(rows[0]).toContain(`${frenchTime(startTime)} – ${frenchTime(endTime)}`);
    // Keyboard and screen-reader users are taken to the preview.
    await page.waitForFunction(() => document.activeElement?.id === 'apercu-titre', undefined, { timeout: 2_000 });
    await checkpoint(page, 'serie-apercu');

    await tabTo(page, 'form#demande button[type="submit"]');
    expect(await page.textContent('form#demande button[type="submit"]')).toBe(`Demander les ${free} séances libres`);
    requestedAt = new Date(Date.now() - 1_000).toISOString();
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Demande envoyée' }).waitFor();
    expect(await text(page)).toContain(`${free} séances demandées sur ${total}.`);
    requestedCount = Number(free);
    await checkpoint(page, 'serie-demandee');

    await page.click('a:has-text("Voir mes réservations")');
    await upcomingOfOurs().waitFor();
    const upcoming = await textOf(upcomingOfOurs());
    // The season is one line, its sessions counted by status; its own page lists them.
    expect(upcoming).toContain(`Série de ${requestedCount} séances`);
    expect(upcoming).toContain(`${requestedCount} × Demandée`);
    expect(upcoming).toContain(`${frenchTime(startTime)} – ${frenchTime(endTime)}`);
    await upcomingOfOurs()
      .getByRole('link', { name: /^Série de/ })
      .click();
    await page.locator('main h1', { hasText: `Série hebdomadaire de ${requestedCount} séances` }).waitFor();
    // The sessions' table (the page also has the series' payment periods).
    const sessions = page.locator('main table', { has: page.locator('caption', { hasText: 'Séances de la série' }) });
    expect(await sessions.locator('tbody tr').count()).toBe(requestedCount);
    expect(await text(page)).toContain(firstFreeDay);
    await checkpoint(page, 'serie-suivie');
    // A question to the collège, in the first session's conversation.
    await page.locator('main table a[href^="/reservations/"]').first().click();
    await page.locator('main h1', { hasText: 'Réservation du' }).waitFor();
    talkPath = new URL(page.url()).pathname;
    await page.fill('#conversation-body', QUESTION);
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.locator('#conversation-titre ~ ol li', { hasText: QUESTION }).waitFor();
    expect(await textOf(page.locator('#conversation-titre ~ ol li').first())).toMatch(/^Vous, pour l’organisation/);
    await checkpoint(page, 'reservation-question');
    await page.goto('/mes-reservations');
    await upcomingOfOurs().waitFor();
    await checkpoint(page, 'mes-reservations-demandees');
  });

  step('3. the collège agent logs in through ProConnect and approves the whole series', async () => {
    college = await newPerson(browser);
    {
      const desk = await college.newPage();
      collegeDesk = desk;
      await desk.goto('/gestion');
      await logInWith(desk, 'proconnect', AGENTS.julienBernard.sub);
      // One collège: the dashboard of that collège.
      await desk.waitForURL(/\/gestion\/[0-9a-f-]{36}$/);
      const dashboardPath = new URL(desk.url()).pathname;
      await desk.locator('main h1', { hasText: 'Tableau de bord' }).waitFor();
      expect(await text(desk)).toContain(COLLEGE.name);
      await checkpoint(desk, 'college-tableau-de-bord');

      const sections = 'nav[aria-label="Gestion du collège"]';
      if (hasPaymentService()) {
        // The seed leaves payout accounts to the collèges: this one onboards on the Stripe sandbox before approving.
        // (Against a stack given by E2E_BASE_URL, an earlier run may have done it already.)
        await desk.locator(sections).getByRole('link', { name: 'Recettes et versements', exact: true }).click();
        const onboard = desk.getByRole('button', { name: 'Configurer le compte de versement' });
        const ready = desk.locator('text=Le compte de versement du collège est prêt');
        await onboard.or(ready).first().waitFor();
        if (await onboard.isVisible()) {
          await checkpoint(desk, 'college-versements-a-configurer');
          await onboard.click();
          await desk.waitForURL(/\/connect\/onboarding\//);
          await checkpoint(desk, 'college-versements-bac-a-sable');
          await desk.getByRole('button', { name: "Valider l'inscription" }).click();
          await desk.waitForURL((url) => url.href.startsWith(baseUrl()) && url.pathname.endsWith('/versements'));
          await ready.waitFor({ timeout: 20_000 });
        }
        await checkpoint(desk, 'college-versements-prets');
      }
      // The collège's contact address got one new-request e-mail for the whole series (not one per session), with
      // its sessions; the manager follows its link to the series' page, then decides from the collège's requests.
      const newRequests = await mailsTo(
        COLLEGE.contactEmail,
        (mail) => mail.receivedAt >= requestedAt && mail.subject.startsWith('Nouvelle demande de réservation'),
      );
      expect(newRequests).toHaveLength(1);
      const [newRequest] = newRequests;
      if (!newRequest) throw new Error('no new-request e-mail');
      expect(plainSpaces(newRequest.subject)).toMatch(
        new RegExp(
          `^Nouvelle demande de réservation régulière : ${requestedCount} séances à partir du \\d+(er)? \\S+ \\d{4}$`,
        ),
      );
      expect(plainSpaces(newRequest.text)).toContain(
        `Une association demande à réserver un espace de votre collège chaque semaine (${requestedCount} séances). La demande attend votre décision`,
      );
      expect(plainSpaces(newRequest.text)).toMatch(new RegExp(`Séances : ${requestedCount} séances, du `));
      expect(plainSpaces(newRequest.text)).toContain('Dates des séances : ');
      // Who asks, and what the manager checks before deciding: the département's verification and the insurance.
      expect(plainSpaces(newRequest.text)).toContain('Vérification : organisation vérifiée par le département');
      expect(plainSpaces(newRequest.text)).toMatch(/Assurance : valable jusqu’au \d+(er)? \S+ \d{4}/);
      const seriesLink = actionLink(newRequest, 'Traiter la demande');
      expect(seriesLink.origin).toBe(new URL(baseUrl()).origin);
      expect(seriesLink.pathname).toMatch(/^\/series\/[0-9a-f-]{36}$/);
      // Opening the series' page marks its thread read: the manager starts from the requests page, whose card
      // leads to the same page as the e-mail (checked below), so that the card's unread marker is seen first.
      await desk.goto(`${dashboardPath}/demandes`);
      await desk.locator('main h1', { hasText: 'Demandes à traiter' }).waitFor();
      const ours = desk.locator('article', { hasText: organisation.name });
      // The season is one card, with each of its sessions inside it.
      await ours.first().waitFor();
      expect(await ours.count()).toBe(1);
      expect(await textOf(ours.first())).toContain(`Série hebdomadaire de ${requestedCount} séances`);
      expect(await ours.first().locator('input[type="checkbox"]:checked').count()).toBe(requestedCount);
      // The insurance certificate uploaded in 2a, with its download, beside the decision.
      await ours
        .first()
        .getByRole('link', { name: /Télécharger l’attestation/ })
        .waitFor();
      expect(await ours.first().textContent()).toMatch(/Attestation d’assurance\s*: MAIF, contrat 4455667/);
      await checkpoint(desk, 'college-demandes');

      // The member's question, marked on the card, which leads to the series' page and its thread: read it there,
      // marked new, answer it, and come back to decide.
      await ours.first().locator('text=1 nouveau message').waitFor();
      await ours
        .first()
        .getByRole('link', { name: /^Voir la série et les échanges/ })
        .click();
      await desk.locator('main h1', { hasText: `Série hebdomadaire de ${requestedCount} séances` }).waitFor();
      expect(new URL(desk.url()).pathname).toBe(seriesLink.pathname);
      await checkpoint(desk, 'college-serie');
      const question = desk.locator('#conversation-titre ~ ol li', { hasText: QUESTION });
      await question.waitFor();
      expect(await textOf(question)).toContain('nouveau');
      expect(await text(desk, '#conversation-titre')).toBe('Échanges avec l’organisation');
      await desk.fill('#conversation-body', ANSWER);
      // The series' page has other forms (payment, cancellation): the thread's own button.
      await desk.locator('form#conversation').getByRole('button', { name: 'Envoyer', exact: true }).click();
      await desk.locator('#conversation-titre ~ ol li', { hasText: ANSWER }).waitFor();
      await checkpoint(desk, 'college-reponse');
      await desk.goBack();
      await desk.locator('main h1', { hasText: 'Demandes à traiter' }).waitFor();
      await ours.first().waitFor();

      // The decision with the keyboard alone: Tab from the top of the page, Enter, typing, Space, Enter.
      const card = `main article[aria-labelledby="${await ours.first().getAttribute('aria-labelledby')}"]`;
      // Who is asking: the organisation as the département verified it, before deciding.
      await desk.locator(`${card} button[aria-expanded]`).click();
      await desk.locator(card).locator('dt', { hasText: 'Vérification par le département' }).waitFor();
      expect(await textOf(desk.locator(card).locator('dl'))).toContain('Vérifiée le');
      await checkpoint(desk, 'college-qui-demande');
      await desk.locator('body').focus();
      await tabTo(desk, `${card} .salle-btns-group button`, 300);
      expect(await desk.evaluate(() => document.activeElement?.textContent)).toMatch(/^Accepter/);
      await desk.keyboard.press('Enter');
      // The message field takes the focus as the form opens.
      await desk.waitForFunction((selector) => document.activeElement?.matches(`${selector} textarea`), card);
      await desk.keyboard.type('Badge d’accès à retirer à la loge.');
      await tabTo(desk, `${card} button[type="submit"]`);
      expect(await desk.evaluate(() => document.activeElement?.textContent)).toBe(`Accepter ${requestedCount} séances`);
      await desk.keyboard.press('Enter');
      await desk.locator(`text=Série de ${organisation.name} : ${requestedCount} séances acceptées.`).waitFor();
      // The list is read again: the decided series is gone, with its buttons.
      await desk.waitForFunction((selector) => document.querySelector(selector) === null, card);
      await checkpoint(desk, 'college-serie-acceptee');
      await tour(desk, 'college', [
        { link: 'Calendrier', within: sections, heading: 'Calendrier du collège' },
        { link: 'Planning', within: sections, heading: 'Planning du collège' },
        { link: 'Espaces', within: sections, heading: 'Espaces du collège' },
        { link: 'Gymnase', within: 'main table', heading: 'Espace : Gymnase' },
        { link: 'Fermetures', within: sections, heading: 'Fermetures' },
        { link: 'Conditions d’annulation', within: sections, heading: 'Conditions d’annulation' },
        { link: 'Recettes et versements', within: sections, heading: 'Recettes et versements' },
      ]);
    }
  });

  step('3a. the owner reads the collège’s answer and signs the series’ convention, consenting explicitly', async () => {
    await page.goto('/mes-reservations');
    await upcomingOfOurs().waitFor();
    expect(await textOf(upcomingOfOurs())).not.toContain('Demandée');
    // The collège's answer waits, marked on the series' line, and reads in the session's conversation.
    await upcomingOfOurs().locator('text=1 nouveau message').waitFor();
    const read = page.waitForResponse((r) => r.url().endsWith('/messages/read') && r.status() === 204);
    await page.goto(talkPath);
    await page.locator('#conversation-titre ~ ol li', { hasText: ANSWER }).waitFor();
    expect(await text(page, '#conversation-titre')).toBe('Échanges avec le collège');
    await read;
    await checkpoint(page, 'reservation-reponse');
    await page.goto('/mes-reservations');
    await upcomingOfOurs().waitFor();
    expect(await textOf(upcomingOfOurs())).not.toContain('nouveau message');
    await upcomingOfOurs()
      .getByRole('link', { name: /^Série de/ })
      .click();
    await page.locator('main h1', { hasText: 'Série hebdomadaire' }).waitFor();
    seriesPath = new URL(page.url()).pathname;
    // Approved: the series' one convention is issued and waits for the organisation's owner first.
    const convention = conventionOf(page);
    await convention.getByText('En attente de la signature pour l’organisation.').waitFor();
    // She reads the document before signing it.
    const [document] = await Promise.all([
      page.waitForEvent('download'),
      convention.getByRole('link', { name: 'Lire la convention (PDF)' }).click(),
    ]);
    expect(
      readFileSync(await document.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // Without the consent ticked, nothing is signed: the form says what is missing.
    await convention.getByRole('button', { name: 'Signer la convention' }).click();
    await convention.getByText('Cochez cette case pour signer.').waitFor();
    expect(await convention.getByLabel(CONVENTION_CONSENT.text).getAttribute('aria-invalid')).toBe('true');
    await checkpoint(page, 'convention-consentement-manquant');
    await signConvention(convention, 'En attente de la signature pour le collège.');
    expect(await signaturesIn(convention)).toEqual([
      expect.stringMatching(
        new RegExp(`^Pour l’organisation, ${FRANCECONNECT_TEST.displayName}, le .+ \\(FranceConnect`),
      ),
    ]);
    await checkpoint(page, 'convention-signee-organisation');
  });

  step('3b. a département admin names the collège’s manager signatory of its conventions', async () => {
    const admin = await newPerson(browser);
    const desk = await admin.newPage();
    await desk.goto(`/admin/etablissements?q=${COLLEGE.uai}`);
    await logInWith(desk, 'proconnect', AGENTS.nathalieRoux.sub);
    await desk.waitForURL((url) => url.pathname === '/admin/etablissements' && url.search.includes(COLLEGE.uai));
    const row = desk.locator('article', { has: desk.locator('h2', { hasText: COLLEGE.name }) });
    await row.getByRole('button', { name: `Gestionnaires de ${COLLEGE.name}` }).click();
    // Designated manager at his first login by the collège's SIRET (3), not yet its signatory (against a stack
    // given by E2E_BASE_URL, an earlier run may have named him already).
    const julien = row.locator('li', { hasText: AGENTS.julienBernard.displayName });
    const name = julien.getByRole('button', { name: /^Désigner signataire des conventions/ });
    const named = julien.getByRole('button', { name: /^Ne plus signer les conventions/ });
    await name.or(named).first().waitFor();
    if (await name.isVisible()) await name.click();
    await named.waitFor();
    expect(await textOf(julien)).toContain('signataire des conventions');
    await checkpoint(desk, 'admin-signataire-designe');
    await admin.close();
  });

  step(
    '3c. the collège’s signatory countersigns, the département signs by its standing delegation, payment opens',
    async () => {
      const desk = collegeDesk;
      // Still logged in since the approval: the session's page shows the series' convention.
      await desk.goto(talkPath);
      const convention = conventionOf(desk);
      await convention.getByText('En attente de la signature pour le collège.').waitFor();
      await signConvention(convention, 'Convention signée par toutes les parties.');
      // `npm start` gives the département a standing delegation: it signs at once after the collège.
      expect(await signaturesIn(convention)).toEqual([
        expect.stringMatching(
          new RegExp(`^Pour l’organisation, ${FRANCECONNECT_TEST.displayName}, le .+ \\(FranceConnect`),
        ),
        expect.stringMatching(new RegExp(`^Pour le collège, ${AGENTS.julienBernard.displayName}, le .+ \\(ProConnect`)),
        expect.stringMatching(
          /^Pour le département, Direction de l’éducation \(développement\), le .+ \(délégation permanente, Délibération fictive de développement\)$/,
        ),
      ]);
      await checkpoint(desk, 'convention-signee');
      await logOut(desk);
      await checkpoint(desk, 'college-deconnecte');
      await college.close();

      // Fully signed: every session of the series now awaits its payment (before, « Acceptée, à payer »).
      await page.goto(seriesPath);
      expect(await textOf(page.getByRole('list', { name: 'Séances par statut' }))).toBe(
        `En attente de paiement\u00a0: ${requestedCount}`.replace(/\s+/g, ' '),
      );
      // At 360 px each session is a card: its « Payer » button is on screen, not beyond a sideways scroll.
      await page.setViewportSize({ width: 360, height: 900 });
      const pay = page
        .locator('main table')
        .getByRole('button', { name: /^Payer / })
        .first();
      const box = await pay.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
      await page.setViewportSize({ width: WIDTHS[0], height: 900 });
      await checkpoint(page, 'mes-reservations-a-payer');
    },
  );

  (hasPaymentService() ? describe : describe.skip)('4. payment (runs when the stack has a payment service)', () => {
    let paidUrl = '';
    let paidPaymentId = '';

    step(
      'the member pays an occurrence on the sandbox checkout, sees it confirmed and downloads the receipt',
      async () => {
        await page.goto('/mes-reservations');
        // « Mes réservations » lists the season as one line; its page lists the sessions.
        await upcomingOfOurs().locator('a[href^="/series/"]').first().click();
        await page.locator('main h1', { hasText: `Série hebdomadaire de ${requestedCount} séances` }).waitFor();
        const seriesPagePath = new URL(page.url()).pathname;
        // The series' approval e-mail (exactly one for all its sessions, none per session) takes the member to the
        // series' page, whose payment schedule asks for the amount it announced.
        const approvals = await mailsTo(
          FRANCECONNECT_TEST.email,
          (mail) =>
            mail.receivedAt >= requestedAt &&
            mail.subject.startsWith('Réservation régulière acceptée') &&
            actionPath(mail, 'Payer en ligne') === seriesPagePath,
        );
        expect(approvals).toHaveLength(1);
        const perSession = await mailsTo(
          FRANCECONNECT_TEST.email,
          (mail) => mail.receivedAt >= requestedAt && mail.subject.startsWith('Demande acceptée'),
          0,
        );
        expect(perSession).toHaveLength(0);
        const [approval] = approvals;
        if (!approval) throw new Error('no approval e-mail');
        // The whole series is paid in one period (SERIES_PAYMENT=whole, as `npm start` runs it).
        expect(plainSpaces(approval.subject)).toMatch(/^Réservation régulière acceptée : à payer avant le /);
        expect(plainSpaces(approval.text)).toContain(
          `Le collège a accepté ${requestedCount} séances de votre réservation régulière.`,
        );
        const payLink = actionLink(approval, 'Payer en ligne');
        expect(payLink.origin).toBe(new URL(baseUrl()).origin);
        await page.goto(payLink.href);
        await page.locator('main h1', { hasText: `Série hebdomadaire de ${requestedCount} séances` }).waitFor();
        const schedule = page.locator('main table', {
          has: page.locator('caption', { hasText: 'Périodes de paiement de la série' }),
        });
        const periodPay = schedule.getByRole('button', { name: /^Payer / }).first();
        const periodAmount = ((await periodPay.textContent()) ?? '').replace('Payer ', '').trim();
        // The amount the e-mail asked for is the one the series' page asks for.
        expect(plainSpaces(approval.text)).toContain(`payez ${plainSpaces(periodAmount)} en ligne`);
        await checkpoint(page, 'serie-a-payer');
        // From the series' page, the member pays one session on its own page.
        const bookingPath =
          (await page.locator('main table a[href^="/reservations/"]').first().getAttribute('href')) ?? '';
        await page.locator(`main table a[href="${bookingPath}"]`).first().click();
        await page.locator('main h1', { hasText: 'Réservation du' }).waitFor();
        paidUrl = new URL(page.url()).pathname;
        expect(paidUrl).toBe(bookingPath);
        const pay = page.getByRole('button', { name: /^Payer / });
        const amount = ((await pay.textContent()) ?? '').replace('Payer ', '').trim();
        await checkpoint(page, 'reservation-a-payer');
        await pay.click();
        await page.locator('#card-number').waitFor();
        await checkpoint(page, 'paiement-bac-a-sable');
        await page.fill('#card-number', '4242 4242 4242 4242');
        await page.fill('#card-expiry', '12/34');
        await page.fill('#card-cvc', '123');
        await page.fill('#card-holder', FRANCECONNECT_TEST.displayName);
        const sandboxPay = page.locator('form:has(#card-number) button[type="submit"]');
        expect(cents(await sandboxPay.textContent())).toBe(cents(amount));
        await sandboxPay.click();
        await page.waitForURL((url) => url.href.startsWith(baseUrl()) && url.pathname.startsWith(paidUrl));
        await page.locator('main', { hasText: 'Confirmée' }).waitFor({ timeout: 30_000 });
        await checkpoint(page, 'reservation-confirmee');

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.click('a:has-text("Télécharger le reçu")'),
        ]);
        const receipt = await download.path();
        const { readFileSync } = await import('node:fs');
        expect(readFileSync(receipt).subarray(0, 5).toString()).toBe('%PDF-');
        await download.saveAs(join(ARTIFACTS, 'recu.pdf'));
      },
    );

    step('the member cancels the paid occurrence and sees the refund before confirming', async () => {
      await page.goto(paidUrl);
      await page.getByRole('button', { name: 'Annuler la réservation' }).click();
      const panel = await textOf(page.getByRole('dialog', { name: 'Confirmer l’annulation' }));
      const [, refund, paid] = /Le remboursement sera de (.+ €) sur (.+ €) payés/.exec(panel) ?? [];
      expect(cents(paid ?? null)).toBeGreaterThan(0);
      expect(cents(refund ?? null)).toBeGreaterThan(0);
      await checkpoint(page, 'annulation-remboursement');
      await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
      // « Réservation annulée. » comes first, then the booking as the service now has it.
      await page.locator('main', { hasText: 'Annulée (par l’organisation)' }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Réservation annulée.');
      await checkpoint(page, 'annulation-remboursee');

      // The payment service refunds on the sandbox what was announced (booking.cancelled → refund → payment.refunded).
      const bookingId = paidUrl.split('/')[2];
      let refunds: { status: string; amountCents: number }[] = [];
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await page.waitForTimeout(500)) {
        const view = (await (await page.request.get(`/api/payment/bookings/${bookingId}/payment`)).json()) as {
          payments: { id: string; refunds: typeof refunds }[];
        };
        refunds = view.payments.flatMap((payment) => payment.refunds);
        paidPaymentId = view.payments[0]?.id ?? '';
        if (refunds.some((item) => item.status === 'succeeded')) break;
      }
      expect(refunds).toEqual([expect.objectContaining({ status: 'succeeded', amountCents: cents(refund ?? null) })]);
      // The page says what payment actually gave back, in euros: it follows the refund (« Remboursement en cours »)
      // until it is carried out, then states the amount. Amounts carry a no-break space before « € » (\s matches it).
      const statement = /[Rr]emboursé\s: (.+?\s€) sur (.+?\s€) payés/;
      let back: string | undefined;
      let of: string | undefined;
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await page.waitForTimeout(500)) {
        [, back, of] = statement.exec(await text(page)) ?? [];
        if (cents(back ?? null) === cents(refund ?? null)) break;
      }
      expect(cents(back ?? null)).toBe(cents(refund ?? null));
      expect(cents(of ?? null)).toBe(cents(paid ?? null));
    });

    step(
      'a département admin finds the payment and its refund in « Journal d’audit », the money in « Statistiques »',
      async () => {
        const admin = await newPerson(browser);
        const desk = await admin.newPage();
        await desk.goto('/admin');
        await desk.waitForURL(/\/connexion/);
        await logInWith(desk, 'proconnect', AGENTS.nathalieRoux.sub);
        await desk.waitForURL((url) => url.pathname === '/admin');
        expect(paidPaymentId).toMatch(/^[0-9a-f-]{36}$/);
        await desk.locator('main').getByRole('link', { name: 'Journal d’audit' }).click();
        await desk.locator('main h1', { hasText: 'Journal d’audit' }).waitFor();
        // Filtered by the viewer's own form, as an agent would: the payment, then the refund owed on it.
        const entriesOf = async (label: string) => {
          await desk.getByLabel('Action', { exact: true }).selectOption({ label });
          await desk.getByRole('button', { name: 'Filtrer' }).click();
          await desk.locator('main table tbody tr', { hasText: label }).first().waitFor();
          return desk.locator('main table tbody tr').allTextContents();
        };
        const succeeded = await entriesOf('Paiement encaissé');
        expect(succeeded.filter((row) => row.includes(paidPaymentId))).toEqual([
          expect.stringContaining('Prestataire de paiement'),
        ]);
        const owed = await entriesOf('Remboursement dû');
        expect(owed.filter((row) => row.includes(paidPaymentId))).toEqual([expect.stringContaining('Système')]);
        await checkpoint(desk, 'journal-audit-remboursement');
        await desk.goto('/admin');
        await desk.locator('main').getByRole('link', { name: 'Statistiques' }).click();
        const collected = desk.locator('main .salle-panel', { hasText: 'Encaissé' });
        await collected.waitFor();
        expect(cents(await collected.locator('p').last().textContent())).toBeGreaterThan(0);
        await logOut(desk);
        await admin.close();
      },
    );
  });

  step(
    '4b. the member downloads the sealed convention; pdfsig and « Vérifier une convention » accept its seal',
    async () => {
      await page.goto(seriesPath);
      const convention = conventionOf(page);
      await convention.getByText('Convention signée par toutes les parties.').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        convention.getByRole('link', { name: 'Convention signée (PDF)' }).click(),
      ]);
      const sealed = join(ARTIFACTS, 'convention-signee.pdf');
      await download.saveAs(sealed);
      // A standard tool accepts the seal (poppler's pdfsig; its exit status says nothing of validity, its output does).
      if (existsSync('/usr/bin/pdfsig'))
        expect(spawnSync('/usr/bin/pdfsig', [sealed], { encoding: 'utf8' }).stdout).toMatch(
          /Signature Validation: Signature is Valid/,
        );
      else process.stdout.write('pdfsig is not installed: the sealed convention is checked by the product alone\n');
      // So does the product's public verification page, which lists the signers from the evidence it carries.
      await page.locator('footer').getByRole('link', { name: 'Vérifier une convention' }).click();
      await page.locator('main h1', { hasText: 'Vérifier une convention' }).waitFor();
      await page.setInputFiles('#verifier-convention-file', sealed);
      await page.getByRole('button', { name: 'Vérifier' }).click();
      const result = page.locator('section[aria-labelledby="resultat-verification"]');
      await result.locator('h2', { hasText: 'Sceau valide' }).waitFor();
      expect((await result.locator('ol li').allTextContents()).map((line) => line.replace(/\s+/g, ' '))).toEqual([
        expect.stringMatching(
          new RegExp(`^Organisme utilisateur : ${FRANCECONNECT_TEST.displayName}, le .+ \\(FranceConnect\\)$`),
        ),
        expect.stringMatching(new RegExp(`^Collège : ${AGENTS.julienBernard.displayName}, le .+ \\(ProConnect\\)$`)),
        expect.stringMatching(
          /^Département : Direction de l’éducation \(développement\), le .+ \(délégation permanente du département\)$/,
        ),
      ]);
      await checkpoint(page, 'convention-verifiee');
    },
  );

  step(
    '5. the member cancels one occurrence, seeing the refund before confirming, comes back after the session expired, and logs out',
    async () => {
      await page.goto('/mes-reservations');
      await upcomingOfOurs().locator('a[href^="/series/"]').first().click();
      const occurrences = page.locator('main table a[href^="/reservations/"]');
      await occurrences.first().waitFor();
      await occurrences.last().click();
      await page.locator('main h1', { hasText: 'Réservation du' }).waitFor();
      const bookingPath = new URL(page.url()).pathname;
      expect(await text(page)).toContain('Cette séance fait partie d’une série hebdomadaire.');
      expect(await text(page)).toContain('Message du collège : Badge d’accès à retirer à la loge.');
      await page.getByRole('button', { name: 'Annuler la réservation' }).click();
      const panel = page.getByRole('dialog', { name: 'Confirmer l’annulation' });
      // Approved, not paid yet: what the member gets back is said before confirming.
      expect((await panel.textContent())?.replace(/\s+/g, ' ')).toContain(
        'Aucun paiement n’a été effectué : l’annulation est sans frais.',
      );
      await checkpoint(page, 'annulation-sans-frais');
      await page.fill('#annulation-reason', 'Compétition le même soir');
      await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
      await page.locator('main', { hasText: 'Motif de l’annulation : Compétition le même soir' }).waitFor();
      // The dialog is gone with the button that opened it: the focus is on the outcome, not lost to the page.
      expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Réservation annulée.');
      expect(await text(page)).toMatch(/Statut : Annulée/);
      expect(await page.isVisible('button:has-text("Annuler la réservation")')).toBe(false);
      await checkpoint(page, 'seance-annulee');

      // The session ends (cookies gone) while the page is open: the next screen sends the member through login and back.
      await member.clearCookies();
      await page.click('header a:has-text("Mes réservations")');
      await page.waitForURL(/\/connexion\?/);
      const url = new URL(page.url());
      expect([url.searchParams.get('returnTo'), url.searchParams.get('session')]).toEqual([
        '/mes-reservations',
        'expiree',
      ]);
      await page.locator('text=Votre session a expiré.').waitFor();
      await checkpoint(page, 'session-expiree');
      await logInWith(page, 'franceconnect', FRANCECONNECT_TEST.key);
      await page.waitForURL((next) => next.pathname === '/mes-reservations');
      await upcomingOfOurs().waitFor();
      expect(await text(page)).toContain('Annulée');
      expect(bookingPath).toMatch(/^\/reservations\//);
      await tour(page, 'membre', [
        { link: 'Mon organisation', within: 'header', heading: 'Mon organisation' },
        { link: 'Règles et conditions', within: 'header', heading: 'Règles d’utilisation et conditions d’accès' },
        { link: 'Mentions légales', within: 'footer', heading: 'Mentions légales' },
        { link: 'Données personnelles', within: 'footer', heading: 'Données personnelles' },
        {
          link: /^Accessibilité\s:\spartiellement conforme$/,
          within: 'footer',
          heading: 'Déclaration d’accessibilité',
        },
      ]);

      await logOut(page);
      expect(await text(page, 'body')).toContain('FranceConnect');
      await checkpoint(page, 'membre-deconnecte');
      await page.goto('/');
      await page.locator('header a:has-text("Se connecter")').first().waitFor();
    },
  );

  step(
    '5a. the volunteer downloads her data and asks for her account’s erasure; a département admin carries it out',
    async () => {
      const volunteer = await newPerson(browser);
      const own = await volunteer.newPage();
      own.on('dialog', (dialog) => void dialog.accept());
      await own.goto('/compte/mes-donnees');
      await own.waitForURL(/\/connexion/);
      await logInWith(own, 'franceconnect', 'bdd_default');
      await own.waitForURL((url) => url.pathname === '/compte/mes-donnees');
      const [download] = await Promise.all([
        own.waitForEvent('download'),
        own.getByRole('button', { name: 'Télécharger mes données (fichier JSON)' }).click(),
      ]);
      const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
        gateway: { account: { id: string } };
        booking: { memberships: { organisationName: string; role: string }[] };
      };
      expect(exported.booking.memberships).toEqual([
        expect.objectContaining({ organisationName: organisation.name, role: 'member' }),
      ]);
      const accountId = exported.gateway.account.id;
      await own.goto('/compte');
      await own.getByRole('button', { name: 'Supprimer mon compte' }).click();
      expect(await textOf(own.getByRole('status'))).toMatch(/Votre demande a été enregistrée le .+ au plus tard le /);
      await checkpoint(own, 'suppression-demandee');
      await volunteer.close();

      const admin = await newPerson(browser);
      const desk = await admin.newPage();
      desk.on('dialog', (dialog) => void dialog.accept());
      await desk.goto('/admin/suppressions-de-compte');
      await desk.waitForURL(/\/connexion/);
      await logInWith(desk, 'proconnect', AGENTS.nathalieRoux.sub);
      await desk.waitForURL((url) => url.pathname === '/admin/suppressions-de-compte');
      const row = desk.locator('main tr', { has: desk.locator('th', { hasText: accountId }) });
      await row.getByRole('button', { name: 'Supprimer le compte' }).click();
      await row.getByText(/^Supprimé le /).waitFor();
      // She had booked nothing nor signed anything: no record is kept for a legal obligation.
      expect(await textOf(row)).toContain('Rien de conservé.');
      await checkpoint(desk, 'suppression-executee');
      await admin.close();
    },
  );

  step('6. another département’s identity (name, logo, colours, legal pages) renders every page', async () => {
    // What the gateway would serve for the Drôme's site configuration (apps/gateway/test/web-app.spec.ts proves
    // it serves a GATEWAY_SITE_CONFIG's file, theme and images): the same app, rebranded without rebuilding.
    const drome = await newPerson(browser);
    await drome.route('**/config.json', (route) => route.fulfill({ json: DROME.config }));
    await drome.route('**/theme.css', (route) => route.fulfill({ contentType: 'text/css', body: DROME.themeCss }));
    await drome.route('**/site/logo', (route) => route.fulfill({ contentType: 'image/svg+xml', body: DROME.logo }));
    const visitor = await drome.newPage();
    await visitor.goto('/', { waitUntil: 'networkidle' });
    expect(await visitor.getAttribute('header img', 'alt')).toBe('Département de la Drôme');
    expect(await visitor.$eval('.salle-btn--primary', (button) => getComputedStyle(button).backgroundColor)).toBe(
      'rgb(106, 27, 77)',
    );
    const anonymous = ['/', `/espaces/${spaceId}`, '/regles', '/mentions-legales', '/donnees-personnelles'];
    for (const path of [...anonymous, '/accessibilite', '/plan-du-site', '/composants', '/nulle-part']) {
      await visitor.goto(path);
      await visitor.locator('main h1').first().waitFor();
      const chrome = `${await text(visitor, 'header')} ${await text(visitor, 'footer')}`;
      expect(await visitor.getAttribute('header img', 'alt')).toBe('Département de la Drôme');
      expect(chrome).toContain('département de la Drôme');
      expect(chrome).not.toContain('Isère');
      await checkpoint(visitor, `drome${path.replace(/\W+/g, '-')}`);
    }
    // The components with the keyboard alone: the combobox filters as one types (accents aside), the arrow keys and
    // Enter choose; a toast is announced in its « Notifications » landmark. axe checks the page once the list is
    // closed: while it is open, react-aria hides the rest of the page from screen readers (aria-hidden, which axe's
    // aria-hidden-focus rule flags since the page's links stay focusable), and Tab or Escape closes it.
    await visitor.goto('/composants');
    const commune = visitor.getByRole('combobox', { name: 'Commune' });
    await commune.focus();
    await visitor.keyboard.type('saint-eg');
    await visitor.getByRole('option', { name: 'Saint-Égrève' }).waitFor();
    expect(await visitor.getByRole('option').count()).toBe(1);
    if (keepEveryScreenshot) await screenshot(visitor, 'composants-liste-filtree');
    await visitor.keyboard.press('ArrowDown');
    await visitor.keyboard.press('Enter');
    expect(await commune.inputValue()).toBe('Saint-Égrève');
    expect(await visitor.inputValue('input[type="hidden"][name="commune"]')).toBe('38382');
    await visitor.getByRole('button', { name: 'Afficher une notification' }).click();
    await visitor.getByRole('region', { name: 'Notifications' }).getByText('Horaires enregistrés.').waitFor();
    await checkpoint(visitor, 'composants-notification');
    // The Drôme's own legal details and the status its self-assessment gives (20 criteria met out of 60).
    await visitor.goto('/mentions-legales');
    await visitor.locator('main', { hasText: 'Hébergeur Drômois SAS' }).waitFor();
    await visitor.goto('/accessibilite');
    await visitor.locator('main strong', { hasText: 'non conforme' }).waitFor();
    await visitor.goto('/mes-reservations');
    await logInWith(visitor, 'franceconnect', FRANCECONNECT_TEST.key);
    await visitor.waitForURL((url) => url.pathname === '/mes-reservations');
    for (const path of ['/mes-reservations', '/organisations', '/compte']) {
      await visitor.goto(path);
      await visitor.locator('main h1').first().waitFor();
      expect(await visitor.getAttribute('header img', 'alt')).toBe('Département de la Drôme');
      expect(await text(visitor, 'header')).toContain('Salles des collèges');
      await checkpoint(visitor, `drome${path.replace(/\W+/g, '-')}`);
    }
    await drome.close();
  });
});
