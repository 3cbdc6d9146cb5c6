/** @jest-environment jsdom */
import type { SearchResultItem } from '@salle/contracts';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { SiteConfigContext } from '../../app/site-context';
import { DEFAULT_SITE_CONFIG, type SiteConfig } from '../../lib/site-config';
import { renderScreen } from '../../testing/render-screen';
import { collegeMarkers, markerLabel } from './map-markers';
import { ResultsMapSection } from './results-map-section';

const champollion = {
  id: '1d3c7f2a-5b6e-4c8d-9e0f-a1b2c3d4e5f6',
  name: 'Collège Champollion',
  communeName: 'Grenoble',
  latitude: 45.18,
  longitude: 5.72,
};
const vaussenat = { ...champollion, id: '2e4d8a3b-6c7f-4d9e-8f1a-b2c3d4e5f6a7', name: 'Collège Flavius Vaussenat' };
const result = (spaceId: string, establishment: typeof champollion, slots: number): SearchResultItem =>
  ({
    space: { id: spaceId, name: 'Gymnase' },
    establishment: { ...establishment, communeName: establishment === vaussenat ? 'Allevard' : 'Grenoble' },
    slots: Array.from({ length: slots }, (_, k) => ({
      startsAt: `2026-12-1${k}T17:00:00Z`,
      endsAt: `2026-12-1${k}T19:00:00Z`,
    })),
  }) as SearchResultItem;
const items = [
  result('6f0d1c0e-7c1b-4b53-9d59-0d7f6a1c2b3e', champollion, 2),
  result('7a1e2d1f-8d2c-4c64-8e6a-1e8a7b2d3c4f', vaussenat, 1),
  result('8b2f3e2a-9e3d-4d75-9f7b-2f9b8c3e4d5a', champollion, 3),
];
// A local stand-in: no test depends on the internet (jsdom loads no image anyway).
const map = { tileUrl: 'http://127.0.0.1:1/tuiles/{z}/{x}/{y}.png', attribution: '© contributeurs OpenStreetMap' };

const renderWith = (config: SiteConfig = { ...DEFAULT_SITE_CONFIG, map }, shown = items) =>
  renderScreen(
    <SiteConfigContext.Provider value={config}>
      <ResultsMapSection items={shown} />
    </SiteConfigContext.Provider>,
  );

describe('the results map', () => {
  it('gives one marker per collège with the free slots of all its spaces, pointing to its first result', () => {
    const markers = collegeMarkers(items);
    expect(markers.map((m) => [m.name, m.freeSlots, m.firstResultId])).toEqual([
      ['Collège Champollion', 5, 'resultat-6f0d1c0e-7c1b-4b53-9d59-0d7f6a1c2b3e'],
      ['Collège Flavius Vaussenat', 1, 'resultat-7a1e2d1f-8d2c-4c64-8e6a-1e8a7b2d3c4f'],
    ]);
    expect(markers.map(markerLabel)).toEqual([
      'Collège Champollion, Grenoble\u00a0: 5 créneaux libres',
      'Collège Flavius Vaussenat, Allevard\u00a0: 1 créneau libre',
    ]);
  });

  it('shows nothing without a tile server or without results: the list alone', () => {
    const { container } = renderWith(DEFAULT_SITE_CONFIG);
    expect(container.textContent).toBe('');
    const empty = renderWith(undefined, []);
    expect(empty.container.textContent).toBe('');
  });

  it('places focusable, named markers that open a link to the list, and says the list is the equivalent', async () => {
    renderWith();
    expect(screen.getByRole('heading', { name: 'Carte des collèges' })).toBeTruthy();
    expect(document.body.textContent).toContain('La liste ci-dessous donne les mêmes informations');
    const marker = await screen.findByRole('button', {
      name: 'Collège Champollion, Grenoble\u00a0: 5 créneaux libres',
    });
    expect(marker.getAttribute('tabindex')).toBe('0');
    expect(marker.textContent).toBe('5');
    expect(screen.getByRole('button', { name: /Collège Flavius Vaussenat/ })).toBeTruthy();
    act(() => {
      fireEvent.click(marker);
    });
    const link = await screen.findByRole('link', { name: 'Voir Collège Champollion dans la liste' });
    expect(link.getAttribute('href')).toBe('#resultat-6f0d1c0e-7c1b-4b53-9d59-0d7f6a1c2b3e');
    await waitFor(() => expect(document.body.textContent).toContain('OpenStreetMap'));
  });
});
