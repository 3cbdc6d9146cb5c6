/** @jest-environment jsdom */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderScreen } from '../../testing/render-screen';
import { SkipLinks } from '../../ui';
import { ComponentsPage } from './components-page';

describe('the components page (/composants)', () => {
  it('shows every component the département’s identity asks for, each under its heading', () => {
    renderScreen(<ComponentsPage />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Composants');
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
      'Boutons',
      'Alertes',
      'Étiquettes',
      'Tuiles et encadrés',
      'Tableau',
      'Champs de formulaire',
      'Dates et heures',
      'Liste à filtrer',
      'Onglets',
      'Pagination',
      'Notifications',
      'Fenêtre de dialogue',
      'Liens d’évitement',
      'Boutons des fédérations d’identité',
    ]);
    // Button, breadcrumb, alerts, responsive table.
    expect(screen.getByRole('button', { name: 'Principal' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: /vous êtes ici/ })).toBeTruthy();
    expect(screen.getAllByText('L’action a réussi.').length).toBe(1);
    expect(screen.getByRole('table', { name: 'Réservations d’exemple' })).toBeTruthy();
    // Fields, checkbox and radio groups.
    expect(screen.getByRole('textbox', { name: /Nom de l’association/ })).toBeTruthy();
    expect(screen.getByRole('group', { name: /Jours de la semaine/ })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Une commune' })).toBeTruthy();
    // Date and time fields, the date picker's calendar button, the commune combobox.
    expect(screen.getAllByRole('group', { name: /^Date/ }).length).toBeGreaterThanOrEqual(2);
    expect(screen.getByRole('group', { name: /Heure de début/ })).toBeTruthy();
    expect(screen.getByRole('group', { name: /Date de la première séance/ })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: /Commune/ })).toBeTruthy();
    // Tabs, pagination, the toast's and the dialog's triggers, the federations' buttons.
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Description', 'Horaires', 'Tarifs']);
    expect(screen.getByRole('navigation', { name: /Pagination/i })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Afficher une notification' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Annuler la réservation' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /FranceConnect/ })).toBeTruthy();
  });

  it('moves the focus to the layout’s first skip link, which shows them', () => {
    renderScreen(
      <>
        <SkipLinks links={[{ label: 'Contenu', anchor: '#contenu' }]} />
        <main id="contenu">
          <ComponentsPage />
        </main>
      </>,
    );
    act(
      () => void fireEvent.click(screen.getByRole('button', { name: 'Montrer les liens d’évitement de cette page' })),
    );
    const quickAccess = screen.getByRole('navigation', { name: 'Accès rapide' });
    expect(document.activeElement).toBe(within(quickAccess).getByRole('link', { name: 'Contenu' }));
  });
});
