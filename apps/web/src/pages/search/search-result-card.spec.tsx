/** @jest-environment jsdom */
import type { SearchResultItem } from '@salle/contracts';
import { renderScreen } from '../../testing/render-screen';
import { SearchResultCard } from './search-result-card';

const item: SearchResultItem = {
  space: {
    id: '6f0d1c0e-7c1b-4b53-9d59-0d7f6a1c2b3e',
    name: 'Gymnase',
    kind: 'gymnasium',
    capacity: 80,
    areaM2: null,
    equipment: [],
    stepFreeAccess: true,
    photoUrls: [],
    photo: null,
  },
  establishment: {
    id: '1d3c7f2a-5b6e-4c8d-9e0f-a1b2c3d4e5f6',
    name: 'Collège Champollion',
    communeName: 'Grenoble',
    latitude: 45.18,
    longitude: 5.72,
  },
  distanceKm: null,
  price: { category: 'association', cents: 3200, explanation: '2 h à 16 € de l’heure', depositCents: 2550 },
  slots: [{ startsAt: '2026-12-14T17:00:00Z', endsAt: '2026-12-14T19:00:00Z' }],
} as SearchResultItem;

describe('SearchResultCard', () => {
  it('is titled with the space and its collège, and states amounts one way', () => {
    const { container } = renderScreen(<SearchResultCard item={item} durationMinutes={120} durationLabel="2 h" />);
    expect(container.querySelector('h3')?.textContent).toBe('Gymnase – Collège Champollion');
    expect(container.textContent).toContain('32,00\u00a0€');
    expect(container.textContent).toContain('caution 25,50\u00a0€');
    expect(container.textContent).toContain('18\u00a0h\u00a0– 20\u00a0h');
  });

  it('shows the first uploaded photo at 400 px, described by its alt text', () => {
    const photo = {
      id: '0b6f3c1e-2d4a-4e8b-9c7d-5a6b7c8d9e0f',
      altText: 'Gymnase et ses gradins',
      width: 1200,
      height: 900,
    };
    const { container } = renderScreen(
      <SearchResultCard
        item={{ ...item, space: { ...item.space, photo } }}
        durationMinutes={120}
        durationLabel="2 h"
      />,
    );
    const image = container.querySelector('img');
    expect(image?.getAttribute('alt')).toBe('Gymnase et ses gradins');
    expect(image?.getAttribute('src')).toBe(`/api/booking/spaces/${item.space.id}/photos/${photo.id}/400`);
  });

  it('draws no image without a photo', () => {
    const { container } = renderScreen(<SearchResultCard item={item} durationMinutes={120} durationLabel="2 h" />);
    expect(container.querySelector('img')).toBeNull();
  });
});
