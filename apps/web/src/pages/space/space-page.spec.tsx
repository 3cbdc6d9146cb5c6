/** @jest-environment jsdom */
import type { SpacePhotoView } from '@salle/contracts';
import { screen, within } from '@testing-library/react';
import { establishment, space } from '../../testing/fixtures';
import { renderScreen } from '../../testing/render-screen';
import { SpacePage } from './space-page';

const photo = (id: string, altText: string, position: number): SpacePhotoView => ({
  id,
  spaceId: space.id,
  altText,
  position,
  width: 1200,
  height: 800,
  uploadedAt: '2026-12-06T10:00:00.000Z',
});
let photos: SpacePhotoView[] = [];
let photoUrls: string[] = [];
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    space: async () => ({ ...space, photoUrls }),
    spacePhotos: async () => ({ photos }),
    spacePhotoUrl: (id: string, photoId: string, size: string) => `/api/booking/spaces/${id}/photos/${photoId}/${size}`,
    establishment: async () => establishment,
    calendar: async () => ({ segments: [] }),
  },
}));

describe('SpacePage photos', () => {
  beforeEach(() => {
    photos = [];
    photoUrls = [];
  });

  it('shows the managers’ photos in their order, each with its description as alt text and its sizes', async () => {
    photos = [
      photo('11111111-1111-4111-8111-111111111111', 'Gymnase vu des gradins', 0),
      photo('22222222-2222-4222-8222-222222222222', 'Vestiaires avec douches', 1),
    ];
    renderScreen(<SpacePage params={{ spaceId: space.id }} />);
    const list = await screen.findByRole('list', { name: 'Photos' });
    const images = within(list).getAllByRole('img');
    expect(images.map((image) => image.getAttribute('alt'))).toEqual([
      'Gymnase vu des gradins',
      'Vestiaires avec douches',
    ]);
    const base = `/api/booking/spaces/${space.id}/photos/11111111-1111-4111-8111-111111111111`;
    expect(images[0]?.getAttribute('src')).toBe(`${base}/400`);
    expect(images[0]?.getAttribute('srcset')).toBe(`${base}/400 400w, ${base}/1200 1200w`);
    expect([images[0]?.getAttribute('width'), images[0]?.getAttribute('height')]).toEqual(['1200', '800']);
  });

  it('falls back on the space’s photo addresses, named by the space, and shows no list without any', async () => {
    photoUrls = ['https://images.example/gym-1.jpg', 'https://images.example/gym-2.jpg'];
    const { unmount } = renderScreen(<SpacePage params={{ spaceId: space.id }} />);
    const list = await screen.findByRole('list', { name: 'Photos' });
    expect(
      within(list)
        .getAllByRole('img')
        .map((image) => image.getAttribute('alt')),
    ).toEqual(['Gymnase, photo 1 sur 2', 'Gymnase, photo 2 sur 2']);
    unmount();
    photoUrls = [];
    renderScreen(<SpacePage params={{ spaceId: space.id }} />);
    await screen.findByRole('heading', { level: 1, name: 'Gymnase' });
    expect(screen.queryByRole('list', { name: 'Photos' })).toBeNull();
  });
});
