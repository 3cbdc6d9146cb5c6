import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import { SiteConfigContext } from '../../app/site-context';
import { SiteFooter } from '../../app/site-footer';
import { parseSiteConfig } from '@salle/contracts';
import { DEFAULT_SITE_CONFIG, type SiteConfig } from '../../lib/site-config';
import { AccessibilityPage, LegalNoticePage } from './legal-pages';

// Another département than the shipped Isère, so nothing here can come from hard-coded text.
const drome: SiteConfig = parseSiteConfig({
  departmentName: 'Département de la Drôme',
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
      controller: 'Département de la Drôme, représenté par sa présidente',
      dpoContact: 'dpo@ladrome.example',
      rightsContact: 'droits@ladrome.example',
    },
    accessibility: {
      assessmentDate: '2026-10-02',
      assessedBy: 'le cabinet Exemple Accessibilité',
      rgaaVersion: '4.1.2',
      applicableCriteria: 50,
      compliantCriteria: 20,
      nonCompliances: ['Le plan des gymnases n’a pas d’alternative textuelle.'],
      derogations: [],
      contact: 'accessibilite@ladrome.example',
      statementDate: '2026-10-15',
    },
  },
});

function render(page: ReactElement, config: SiteConfig = drome): string {
  return renderToStaticMarkup(<SiteConfigContext.Provider value={config}>{page}</SiteConfigContext.Provider>)
    .replace(/<!-- -->/g, '')
    .replace(/<br\/>/g, ' ');
}

describe('legal pages filled from the site configuration', () => {
  it('names the publisher, the director of publication and the host', () => {
    const html = render(<LegalNoticePage />);
    expect(html).toContain('Département de la Drôme 26 avenue du Président-Herriot, 26000 Valence');
    expect(html).toContain('Téléphone\u00a0: 04 75 00 00 00');
    expect(html).toContain('<a href="mailto:salles@ladrome.example">salles@ladrome.example</a>');
    expect(html).toContain('<p>La présidente du Conseil départemental de la Drôme</p>');
    expect(html).toContain('Hébergeur Drômois SAS 1 rue des Serveurs, 26000 Valence Téléphone\u00a0: 04 75 00 00 01');
  });

  it('publishes an RGAA statement whose status and rate come from the self-assessment', () => {
    const html = render(<AccessibilityPage />);
    expect(html).toContain('Salle sur demande est <strong>non conforme</strong>');
    expect(html).toContain('L’évaluation réalisée le 2 octobre 2026 par le cabinet Exemple Accessibilité');
    expect(html).toContain('40\u00a0% des critères du RGAA sont respectés\u00a0: 20 critères conformes sur 50');
    expect(html).toContain('<li>Le plan des gymnases n’a pas d’alternative textuelle.</li>');
    expect(html).toContain('<h3>Dérogations pour charge disproportionnée</h3><p>Aucune.</p>');
    expect(html).toContain('établie le 15 octobre 2026');
    expect(html).toContain('<a href="mailto:accessibilite@ladrome.example">');
    expect(html).toContain('Défenseur des droits');
    const better = { ...drome.legal.accessibility, compliantCriteria: 49 };
    const improved = render(<AccessibilityPage />, { ...drome, legal: { ...drome.legal, accessibility: better } });
    expect(improved).toContain('<strong>partiellement conforme</strong>');
    expect(improved).toContain('98\u00a0% des critères');
  });

  it('puts the contact and the conformity status in the footer', () => {
    const html = render(<SiteFooter />);
    expect(html).toContain('<a href="mailto:salles@ladrome.example">salles@ladrome.example</a>');
    expect(html).toContain('Accessibilité\u00a0: non conforme');
  });

  it('says what the département has not filled yet, rather than inventing it', () => {
    expect(render(<LegalNoticePage />, DEFAULT_SITE_CONFIG)).toContain('à renseigner par le département');
  });
});
