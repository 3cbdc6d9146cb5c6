/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import { DEFAULT_RETENTION, PROCESSING_REGISTER, type RetentionSettings } from '@salle/contracts/privacy';
import { SiteConfigContext } from '../../app/site-context';
import { parseSiteConfig } from '@salle/contracts';
import { renderScreen, skippedHeadingLevels } from '../../testing/render-screen';
import { CookiesPage } from './cookies-page';
import { PrivacyPage } from './privacy-page';

// Another deployment's periods than the defaults, so that nothing on the page can come from written text.
const periods: RetentionSettings = {
  ...DEFAULT_RETENTION,
  RETENTION_INACTIVE_ACCOUNT_YEARS: 2,
  RETENTION_INACTIVE_ACCOUNT_NOTICE_DAYS: 45,
  RETENTION_MESSAGES_MONTHS: 6,
  BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS: 1,
  PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS: 7,
  NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS: 8,
  GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS: 9,
  BOOKING_CONVENTION_DELETE_AFTER_YEARS: 6,
  PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS: 11,
  BOOKING_RECORDS_DELETE_AFTER_YEARS: 12,
  BOOKING_REJECTED_ORGANISATION_DELETE_AFTER_YEARS: 4,
};
const fetchRetentionPeriods = jest.fn(() => Promise.resolve(periods));
jest.mock('../../api/personal-data-api', () => ({ fetchRetentionPeriods: () => fetchRetentionPeriods() }));

const drome = parseSiteConfig({
  legal: {
    personalData: {
      controller: 'Département de la Drôme, représenté par sa présidente',
      dpoContact: 'dpo@ladrome.example',
      rightsContact: 'droits@ladrome.example',
    },
  },
});

function renderPrivacy() {
  return renderScreen(
    <SiteConfigContext.Provider value={drome}>
      <PrivacyPage />
    </SiteConfigContext.Provider>,
  );
}

describe('PrivacyPage', () => {
  it('states the controller, the DPO, each processing of the register, the rights and the CNIL', async () => {
    const { container } = renderPrivacy();
    await screen.findByText(/Le compte et son identité/);
    const text = container.textContent ?? '';
    expect(text).toContain('Département de la Drôme, représenté par sa présidente');
    expect(screen.getByRole('link', { name: 'dpo@ladrome.example' }).getAttribute('href')).toBe(
      'mailto:dpo@ladrome.example',
    );
    for (const processing of PROCESSING_REGISTER) {
      expect(screen.getByRole('heading', { level: 3, name: processing.name })).toBeTruthy();
      expect(text).toContain(processing.purpose);
      expect(text).toContain(processing.legalBasis);
      for (const recipient of processing.recipients) expect(text).toContain(recipient);
    }
    expect(screen.getByRole('link', { name: 'droits@ladrome.example' })).toBeTruthy();
    expect(text).toContain('Commission nationale de l’informatique et des libertés (CNIL)');
    // Card payments through Stripe leave the Union, under the Data Privacy Framework; PayFiP stays in France.
    const payments = PROCESSING_REGISTER.find((processing) => processing.id === 'payments');
    expect(payments?.transfers).toContain('Stripe, Inc., aux États-Unis');
    expect(payments?.transfers).toContain('Data Privacy Framework');
    expect(payments?.transfers).not.toContain('Aucun transfert hors');
    expect(text).toContain(payments?.transfers);
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('states this deployment’s retention periods, and the legal accounting period', async () => {
    const { container } = renderPrivacy();
    await screen.findByText(/Le compte et son identité/);
    const text = container.textContent ?? '';
    expect(text).toContain(
      'Le compte et son identité\u00a0: 2\u00a0ans sans connexion, puis un courriel vous prévient',
    );
    expect(text).toContain('le compte est supprimé 45\u00a0jours après ce courriel.');
    expect(text).toContain('Les messages envoyés\u00a0: 6\u00a0mois, puis supprimés.');
    expect(text).toContain(
      'L’auteur de chaque entrée du journal des décisions, et le compte qu’elle concerne\u00a0: 1\u00a0an, puis remplacés',
    );
    // Each service's audit log, with its own period.
    expect(text).toContain(
      'L’auteur de chaque entrée du journal d’audit des paiements\u00a0: 7\u00a0ans, puis remplacé',
    );
    expect(text).toContain(
      'journal d’audit des messages, et le compte qu’elle concerne\u00a0: 8\u00a0ans, puis remplacés',
    );
    expect(text).toContain('journal d’audit des suppressions de compte\u00a0: 9\u00a0ans, puis remplacé');
    expect(text).toContain(
      'Les réservations et leurs montants, à compter de la fin de leur dernière séance\u00a0: 12\u00a0ans, puis supprimées',
    );
    expect(text).toContain('pièces comptables, que la loi impose de garder 10\u00a0ans');
    expect(text).toContain(
      'Les conventions établies, à compter de la fin de la dernière séance qu’elles couvrent\u00a0: 6\u00a0ans',
    );
    expect(text).toContain('Les paiements, remboursements et factures\u00a0: 11\u00a0ans, puis gardés sans aucun lien');
    expect(text).toContain('Une organisation refusée, à compter de son refus\u00a0: 4\u00a0ans, puis supprimée');
    expect(text).toContain(
      'Les messages écrits au payeur, à compter de leur envoi\u00a0: 11\u00a0ans, puis leur texte',
    );
    expect(text).toContain(
      'Les rappels, à compter de leur envoi, de leur annulation ou de leur abandon\u00a0: 6\u00a0mois',
    );
    expect(text).not.toContain('12\u00a0mois');
    expect(text).not.toContain('5\u00a0ans');
    expect(text).not.toContain('3\u00a0ans');
  });
});

describe('CookiesPage', () => {
  it('lists every declared cookie with its purpose and lifetime', () => {
    const { container } = renderScreen(<CookiesPage />);
    const cookies = screen.getByRole('table', { name: 'Les cookies déposés par le service' });
    expect(within(cookies).getAllByRole('row')).toHaveLength(3);
    const storage = screen.getByRole('table', { name: 'Les données gardées dans le navigateur' });
    expect(within(storage).getAllByRole('row')).toHaveLength(2);
    expect(storage.textContent).toContain('salle:invitation');
    expect(storage.textContent).toContain('Stockage de session de l’onglet');
    expect(container.textContent).toContain('salle_session');
    expect(container.textContent).toContain('salle_login');
    expect(container.textContent).toContain('aucun consentement n’est donc demandé');
  });
});
