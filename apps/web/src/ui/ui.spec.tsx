import { renderToStaticMarkup } from 'react-dom/server';
import { Alert, Badge, Breadcrumb, Button, ConnectButton, ResponsiveTable, SkipLinks, Tile } from './index';

describe('the federations’ login buttons', () => {
  it('keep their own two-line label and the « Qu’est-ce que … ? » link, opening in a new window and saying so', () => {
    const franceConnect = renderToStaticMarkup(<ConnectButton federation="franceconnect" onClick={() => undefined} />);
    expect(franceConnect).toContain(
      '<button type="button" class="salle-connect salle-connect--franceconnect"><span class="salle-connect__login">S’identifier avec</span><span class="salle-connect__brand">FranceConnect</span></button>',
    );
    expect(franceConnect).toContain(
      '<a href="https://franceconnect.gouv.fr/" target="_blank" rel="noopener" title="Qu’est-ce que FranceConnect\u00a0? - nouvelle fenêtre">Qu’est-ce que FranceConnect\u00a0?</a>',
    );
    const proConnect = renderToStaticMarkup(<ConnectButton federation="proconnect" onClick={() => undefined} />);
    expect(proConnect).toContain('<span class="salle-connect__brand">ProConnect</span>');
    expect(proConnect).toContain('href="https://www.proconnect.gouv.fr/"');
  });
});

describe('the component layer', () => {
  it('renders buttons as buttons, or as links when they lead somewhere', () => {
    expect(renderToStaticMarkup(<Button onClick={() => undefined}>Valider</Button>)).toBe(
      '<button type="button" class="salle-btn salle-btn--primary">Valider</button>',
    );
    expect(
      renderToStaticMarkup(
        <Button priority="tertiary no outline" size="small" type="submit" disabled>
          Envoyer
        </Button>,
      ),
    ).toBe(
      '<button type="submit" disabled="" class="salle-btn salle-btn--tertiary-no-outline salle-btn--small">Envoyer</button>',
    );
    expect(
      renderToStaticMarkup(
        <Button priority="secondary" linkProps={{ href: '/regles' }}>
          Les règles
        </Button>,
      ),
    ).toBe('<a href="/regles" class="salle-btn salle-btn--secondary">Les règles</a>');
  });

  it('gives alerts, badges, tiles and the breadcrumb their structure', () => {
    expect(renderToStaticMarkup(<Alert severity="error" title="Erreur" description="Réessayez." />)).toBe(
      '<div class="salle-alert salle-alert--error"><p class="salle-alert__title">Erreur</p><p class="salle-alert__description">Réessayez.</p></div>',
    );
    expect(renderToStaticMarkup(<Alert severity="success" small closable description="Enregistré." />)).toContain(
      '<button type="button" class="salle-link salle-alert__close">Masquer le message</button>',
    );
    expect(
      renderToStaticMarkup(
        <Badge as="span" severity="warning" small>
          À payer
        </Badge>,
      ),
    ).toBe('<span class="salle-badge salle-badge--warning salle-badge--sm">À payer</span>');
    expect(
      renderToStaticMarkup(<Tile title="Statistiques" desc="Par mois" linkProps={{ href: '/admin/statistiques' }} />),
    ).toContain('<h2 class="salle-tile__title"><a href="/admin/statistiques">Statistiques</a></h2>');
    const breadcrumb = renderToStaticMarkup(
      <Breadcrumb
        currentPageLabel="Gymnase"
        homeLinkProps={{ href: '/' }}
        segments={[{ label: 'Collège', linkProps: { href: '/c' } }]}
      />,
    );
    expect(breadcrumb).toContain('aria-label="vous êtes ici\u00a0:"');
    expect(breadcrumb).toContain('<li><a aria-current="page">Gymnase</a></li>');
  });

  it('lists skip links to the page’s landmarks', () => {
    expect(renderToStaticMarkup(<SkipLinks links={[{ label: 'Contenu', anchor: '#contenu' }]} />)).toBe(
      '<nav class="salle-skiplinks" aria-label="Accès rapide"><ul><li><a href="#contenu">Contenu</a></li></ul></nav>',
    );
  });
});

describe('the responsive table', () => {
  const html = renderToStaticMarkup(
    <ResponsiveTable
      caption="Mes réservations"
      captionHidden
      rows={[{ id: 'b1', slot: 'mardi 18 h', price: '24 €' }]}
      rowKey={(row) => row.id}
      columns={[
        { header: 'Créneau', cell: (row) => row.slot },
        { header: 'Prix', cell: (row) => row.price },
      ]}
    />,
  );

  it('keeps table semantics when its CSS turns rows into cards: headers, row headers, explicit roles', () => {
    expect(html).toContain('<caption class="salle-sr-only">Mes réservations</caption>');
    expect(html).toContain('<th scope="col" role="columnheader">Créneau</th>');
    expect(html).toContain('<tr role="row"><th scope="row" role="rowheader">mardi 18 h</th>');
  });

  it('labels every other cell for the card layout, hidden from screen readers that read the column headers', () => {
    expect(html).toContain(
      '<td role="cell"><span class="salle-rtable__label" aria-hidden="true">Prix</span><span class="salle-rtable__value">24 €</span></td>',
    );
  });

  it('never wraps itself in a sideways scrolling region', () => {
    expect(html).toMatch(/^<div class="salle-table salle-rtable"><table role="table">/);
    expect(html).not.toContain('scroll');
  });
});
