import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuild, launchChromium, navigateInApp, screenshot, seriousViolations, tabTo, WEB_DIST } from './browser-kit';
import { createFakeApi, IDS, SEEDED, type FakeApi } from './fake-api';
import { startStaticServer, type RunningServer } from './static-server';

// The built app in Debian's Chromium, against a fake /api (first version: the
// lead swaps in the real gateway and services once they land).
describe('web front end in a browser', () => {
  let browser: Browser;
  let server: RunningServer;
  let fake: FakeApi;
  let context: BrowserContext | null = null;

  beforeAll(async () => {
    ensureWebBuild();
    fake = createFakeApi();
    server = await startStaticServer(WEB_DIST, (req, res, body) => fake.handle(req, res, body));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = null;
    fake.expireSessionOn = null;
  });

  async function open(path: string, options: { width?: number; loggedIn?: boolean; agent?: boolean } = {}): Promise<Page> {
    context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: options.width ?? 1280, height: 900 }, baseURL: server.origin });
    if (options.loggedIn || options.agent) await context.addCookies([{ name: 'fake_session', value: options.agent ? 'agent' : '1', url: server.origin }]);
    const page = await context.newPage();
    await page.goto(path, { waitUntil: 'load' });
    await page.waitForSelector('main h1');
    return page;
  }

  it('shows the search page in French, within the first-page JavaScript budget, without serious accessibility problems', async () => {
    context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(new URL(response.url()).pathname);
    });
    await page.goto(server.origin, { waitUntil: 'networkidle' });

    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('main h1')).toBe('Trouver une salle dans un collège');
    expect(await page.title()).toBe("Rechercher une salle – Salle sur demande – Département de l'Isère");
    expect(await page.textContent('header')).toContain('Salle sur demande');
    expect(await page.getAttribute('header img', 'alt')).toBe("Département de l'Isère");
    expect(await page.textContent('footer')).toContain('Accessibilité : non conforme');
    expect(await page.isVisible('text=Se connecter')).toBe(true);
    expect(await page.isVisible('label:has-text("Nombre de personnes")')).toBe(true);
    expect(await page.isVisible('button:has-text("Rechercher")')).toBe(true);

    // What a visitor actually downloads for this page, gzipped as a server would send it.
    const { readFileSync } = await import('node:fs');
    const firstPageKb = scripts.reduce((sum, path) => sum + gzipSync(readFileSync(`${WEB_DIST}${path}`), { level: 9 }).length, 0) / 1024;
    expect(scripts.length).toBeGreaterThan(0);
    expect(firstPageKb).toBeLessThanOrEqual(250);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '01-recherche');
  });

  it('searches and lists spaces with their next free slots, price and accessibility', async () => {
    const page = await open('/');
    await page.selectOption('#recherche-communeInsee', '38185');
    const started = Date.now();
    await page.click('button:has-text("Rechercher")');
    await page.waitForSelector('.salle-results article');
    const elapsed = Date.now() - started;

    expect(await page.textContent('#results-title')).toBe('2 espaces avec des créneaux libres');
    const cards = await page.$$eval('.salle-results article', (articles) => articles.map((article) => article.textContent ?? ''));
    expect(cards[0]).toContain('Gymnase Champollion');
    expect(cards[0]).toContain('Collège Champollion, Grenoble');
    expect(cards[0]).toContain('Accessible de plain-pied');
    expect(cards[0]).toMatch(/20\s€ pour 2 h/);
    expect(cards[0]).toMatch(/Prochains créneaux libres/);
    expect(await page.$$eval('.salle-results > li:first-child .salle-slots a', (links) => links.length)).toBe(4);
    expect(page.url()).toContain('commune=38185');
    expect(elapsed).toBeLessThan(1000);
    expect(fake.requests.some((request) => request.path.startsWith('/api/booking/search?') && request.path.includes('communeInsee=38185'))).toBe(true);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '02-resultats');
  });

  it('is usable 360 px wide without horizontal scrolling', async () => {
    const page = await open('/?du=2026-03-02&au=2026-03-15&duree=120&categorie=association', { width: 360 });
    await page.waitForSelector('.salle-results article');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '03-resultats-360px');
  });

  it('shows a space with its tariffs and a week calendar of free, booked and closed times', async () => {
    const page = await open(`/espaces/${IDS.gym}?semaine=2026-03-02`);
    await page.waitForSelector('.salle-week');
    expect(await page.textContent('main h1')).toBe('Gymnase Champollion');
    expect(await page.textContent('main')).toContain('Semaine du lundi 2 mars 2026 au dimanche 8 mars 2026');
    const week = (await page.textContent('.salle-week')) ?? '';
    expect(week).toContain('18 h – 22 h : Libre');
    expect(week).toContain('18 h – 20 h : Réservé');
    expect(week).toContain('Toute la journée : Fermé (Portes ouvertes du collège)');
    expect(week).toContain('Temps scolaire');
    expect(await page.textContent('table')).toContain('Association');
    await page.click('button:has-text("Semaine suivante")');
    await page.waitForSelector('text=Semaine du lundi 9 mars 2026');
    expect(page.url()).toContain('semaine=2026-03-09');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '04-espace');
  });

  it('offers FranceConnect and ProConnect on the login page, following the button rules', async () => {
    const page = await open('/connexion?returnTo=%2Fmes-reservations');
    expect(await page.textContent('button.fr-connect:not(.pro-connect)')).toMatch(/S’identifier avec\s*FranceConnect/);
    const fcLink = page.locator('a:has-text("Qu’est-ce que FranceConnect ?")');
    expect(await fcLink.getAttribute('href')).toBe('https://franceconnect.gouv.fr/');
    expect(await fcLink.getAttribute('target')).toBe('_blank');
    expect(await fcLink.getAttribute('title')).toMatch(/nouvelle fenêtre$/);
    expect(await page.textContent('button.pro-connect')).toMatch(/ProConnect/);
    expect(await page.getAttribute('a:has-text("Qu’est-ce que ProConnect ?")', 'href')).toBe('https://www.proconnect.gouv.fr/');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '05-connexion');

    // Through the (fake) gateway's redirect flow and back to where the person was going.
    await page.click('button.fr-connect:not(.pro-connect)');
    await page.waitForURL('**/mes-reservations');
    await page.waitForSelector('h1:has-text("Mes réservations")');
    expect(fake.requests.some((request) => request.path === '/auth/franceconnect/login?returnTo=%2Fmes-reservations')).toBe(true);
  });

  it('lets a member request a booking with the keyboard alone, errors included', async () => {
    const page = await open('/?du=2026-03-02&au=2026-03-15&duree=120&categorie=association', { loggedIn: true });
    await page.waitForSelector('.salle-results article');

    // From the results to the form: Tab to the first free slot, Enter.
    await tabTo(page, '.salle-results > li:first-child .salle-slots a');
    await page.keyboard.press('Enter');
    await page.waitForSelector('h1:has-text("Demander une réservation")');
    expect(await page.inputValue('#demande-date')).toBe('2026-03-04');
    expect(await page.inputValue('#demande-startTime')).toBe('18:00');

    // Submitting without choosing the organisation: the error summary and the field say so.
    await tabTo(page, 'form#demande button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.fr-alert');
    expect(await page.textContent('.fr-alert')).toContain('Organisation : Choisissez l’organisation pour laquelle vous réservez.');
    expect(await page.getAttribute('#demande-organisationId', 'aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '06-demande-erreurs');

    await tabTo(page, '#demande-organisationId');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#demande-organisationId')).toBe(IDS.orgBasket);
    // Debian's Chromium ships only its en-US locale, so the time field's hour segment may be 12-hour:
    // move to the minutes segment (same keys in every locale) and type them.
    await tabTo(page, '#demande-endTime');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('30');
    expect(await page.inputValue('#demande-endTime')).toBe('20:30');
    await tabTo(page, '#demande-purpose');
    await page.keyboard.type('Entraînement des U13');
    await tabTo(page, '#demande-attendees');
    await page.keyboard.type('18');
    await tabTo(page, 'form#demande button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('h1:has-text("Demande envoyée")');

    const sent = fake.requests.filter((request) => request.method === 'POST' && request.path === '/api/booking/bookings');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers['x-requested-with']).toBe('fetch');
    expect(JSON.parse(sent[0]?.body ?? '{}')).toEqual({
      spaceId: IDS.gym,
      organisationId: IDS.orgBasket,
      startsAt: '2026-03-04T18:00:00+01:00',
      endsAt: '2026-03-04T20:30:00+01:00',
      purpose: 'Entraînement des U13',
      attendees: 18,
    });
    expect(await page.textContent('main')).toContain('Votre demande de réservation a bien été envoyée.');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '07-demande-envoyee');

    // The request is now among "my bookings".
    await page.goto('/mes-reservations', { waitUntil: 'networkidle' });
    await page.waitForSelector('table');
    expect(await page.textContent('main')).toContain('mercredi 4 mars 2026, 18 h – 20 h 30');
    expect(await page.textContent('main')).toContain('Demandée');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '08-mes-reservations');
  });

  it('previews a weekly series occurrence by occurrence before requesting it', async () => {
    const page = await open(`/espaces/${IDS.gym}/reserver?debut=2026-09-08T16%3A00%3A00.000Z&fin=2026-09-08T18%3A00%3A00.000Z`, { loggedIn: true });
    await page.selectOption('#demande-organisationId', IDS.orgChoir);
    await page.check('text=Chaque semaine (série)');
    await page.fill('#demande-until', '2026-10-06');
    await page.click('button:has-text("Voir les séances de la série")');
    await page.waitForSelector('text=Aperçu de la série : 3 séances libres sur 5');
    const rows = await page.$$eval('#apercu-titre ~ div table tbody tr', (items) => items.map((row) => row.textContent ?? ''));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(/mardi 8 septembre 2026.*18 h – 20 h.*Libre.*20\s€/);
    expect(rows[1]).toContain('Déjà pris');
    expect(rows[1]).toContain('Le créneau est déjà réservé.');
    expect(rows[2]).toContain('Vacances scolaires.');
    const preview = JSON.parse(fake.requests.filter((request) => request.path === '/api/booking/series/preview').pop()?.body ?? '{}');
    expect(preview).toMatchObject({ rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261006', firstDate: '2026-09-08', startTime: '18:00', durationMinutes: 120, options: { skipSchoolHolidays: true } });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '12-serie-apercu');
    await page.click('button:has-text("Demander les 3 séances libres")');
    await page.waitForSelector('text=3 séances demandées sur 5.');
    await screenshot(page, '13-serie-envoyee');
  });

  it('sends a person whose session expired through the login page and back', async () => {
    fake.expireSessionOn = /^\/api\/booking\/bookings/;
    const page = await open('/mes-reservations', { loggedIn: true });
    await page.waitForURL('**/connexion?**');
    const url = new URL(page.url());
    expect(url.searchParams.get('returnTo')).toBe('/mes-reservations');
    expect(url.searchParams.get('session')).toBe('expiree');
    await page.waitForSelector('text=Votre session a expiré.');
    await screenshot(page, '09-session-expiree');
  });

  it('shows the refund before a member confirms cancelling a paid booking', async () => {
    const page = await open(`/reservations/${SEEDED.paidBooking}`, { loggedIn: true });
    await page.waitForSelector('main h1');
    expect(await page.textContent('main')).toContain('Confirmée');
    expect(await page.getAttribute('a:has-text("Télécharger le reçu")', 'href')).toBe(`/api/payment/bookings/${SEEDED.paidBooking}/receipt.pdf`);
    expect(await page.isVisible('button:has-text("Payer")')).toBe(false);
    await page.click('button:has-text("Annuler la réservation")');
    const panel = (await page.textContent('[aria-labelledby="annulation-titre"]')) ?? '';
    expect(panel).toContain('Annulation au moins 7 jours avant le début : remboursement de 100 %.');
    expect(panel).toMatch(/Vous serez remboursé de 20\s€ sur 20\s€ payés/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '10-annulation-remboursement');
    await page.click('button:has-text("Confirmer l’annulation")');
    await page.waitForSelector('text=Remboursement : 100 % du montant payé.');
    const cancel = fake.requests.find((request) => request.path === `/api/booking/bookings/${SEEDED.paidBooking}/cancel`);
    expect(cancel?.headers['x-requested-with']).toBe('fetch');
  });

  it('lets a collège agent decide requests, with the overlap between them pointed out', async () => {
    const page = await open(`/gestion/${IDS.collegeA}/demandes`, { agent: true });
    const choir = page.locator(`article[aria-labelledby="demande-${SEEDED.choirRequest}"]`);
    const basket = page.locator(`article[aria-labelledby="demande-${SEEDED.basketRequest}"]`);
    await choir.waitFor();
    expect(await choir.textContent()).toContain('Chorale des Alpes');
    expect(await basket.textContent()).toContain('Basket Club de Grenoble');
    expect(await basket.textContent()).toContain('Fait partie d’une série hebdomadaire.');
    // Each overlapping request points at the other one, once.
    expect(await choir.locator('.fr-alert li').allTextContents()).toEqual([expect.stringMatching(/^Demandée 19 h – 21 h/)]);
    expect(await basket.locator('.fr-alert li').allTextContents()).toEqual([expect.stringMatching(/^Demandée 18 h – 20 h/)]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '11-demandes-a-traiter');

    // Refusing needs a reason: the error shows on the field first.
    await choir.locator('button:has-text("Refuser")').click();
    await choir.locator('button:has-text("Confirmer le refus")').click();
    await choir.locator('text=Indiquez le motif du refus.').first().waitFor();
    expect(await page.getAttribute(`#decision-${SEEDED.choirRequest}-reason`, 'aria-invalid')).toBe('true');
    await page.fill(`#decision-${SEEDED.choirRequest}-reason`, 'Créneau déjà attribué au club de basket');
    await choir.locator('button:has-text("Confirmer le refus")').click();
    await page.waitForSelector('text=Demande de Chorale des Alpes');
    await basket.locator('button:has-text("Accepter")').click();
    await basket.locator('button:has-text("Confirmer l’acceptation")').click();
    await page.waitForSelector('text=Demande de Basket Club de Grenoble');
    expect(await basket.count()).toBe(0);
    const decisions = fake.requests.filter((request) => /\/(approve|refuse)$/.test(request.path));
    expect(decisions.map((request) => [request.path.split('/').pop(), request.headers['x-requested-with']])).toEqual([
      ['refuse', 'fetch'],
      ['approve', 'fetch'],
    ]);
    expect(JSON.parse(decisions[0]?.body ?? '{}')).toEqual({ reason: 'Créneau déjà attribué au club de basket' });
  });

  it('renders every management, administration and information screen without error', async () => {
    const screens: [string, string, { agent?: boolean; loggedIn?: boolean }][] = [
      [`/gestion/${IDS.collegeA}`, 'Tableau de bord', { agent: true }],
      [`/gestion/${IDS.collegeA}/calendrier`, 'Calendrier du collège', { agent: true }],
      [`/gestion/${IDS.collegeA}/espaces`, 'Espaces du collège', { agent: true }],
      [`/gestion/${IDS.collegeA}/espaces/${IDS.gym}`, 'Espace : Gymnase Champollion', { agent: true }],
      [`/gestion/${IDS.collegeA}/fermetures`, 'Fermetures', { agent: true }],
      [`/gestion/${IDS.collegeA}/annulation`, 'Conditions d’annulation', { agent: true }],
      [`/gestion/${IDS.collegeA}/recettes`, 'Recettes et versements', { agent: true }],
      ['/admin', 'Administration', { agent: true }],
      ['/admin/etablissements', 'Établissements', { agent: true }],
      ['/admin/organisations', 'Organisations à vérifier', { agent: true }],
      ['/admin/statistiques?du=2026-01-01&au=2026-03-31', 'Statistiques', { agent: true }],
      ['/admin/import-export', 'Import et export CSV', { agent: true }],
      ['/compte', 'Mon compte', { agent: true }],
      ['/organisations', 'Mon organisation', { loggedIn: true }],
      ['/organisations/nouvelle', 'Déclarer une organisation', { loggedIn: true }],
      ['/regles', 'Règles d’utilisation et conditions d’accès', {}],
      ['/accessibilite', 'Déclaration d’accessibilité', {}],
      ['/page-inconnue', 'Page introuvable', {}],
    ];
    // One browser context per identity, pages visited in turn as a person would.
    for (const who of [{ agent: true }, { loggedIn: true }, {}]) {
      const page = await open('/regles', who);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      for (const [index, [path, heading]] of screens.entries()) {
        if (JSON.stringify(screens[index]?.[2]) !== JSON.stringify(who)) continue;
        await navigateInApp(page, path);
        await page.waitForSelector(`main h1:has-text("${heading}")`);
        await page.waitForFunction(() => document.querySelectorAll('.salle-loading').length === 0);
        expect({ path, errors, boundary: await page.isVisible('text=Cette page n’a pas pu s’afficher.'), alerts: await page.$$eval('main .fr-alert--error', (items) => items.map((item) => item.textContent)) }).toEqual({ path, errors: [], boundary: false, alerts: [] });
        expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
        await screenshot(page, `2${String(index).padStart(2, '0')}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 60) || 'accueil'}`, false);
      }
      await context?.close();
      context = null;
    }
  });
});
