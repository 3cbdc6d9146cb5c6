/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import type { SpacePhotoView } from '@salle/contracts';
import { meFor, renderScreen } from '../testing/render-screen';
import { SpacePhotosEditor } from './space-photos-editor';

const SPACE = '55555555-5555-4555-8555-555555555555';
const photo = (id: string, altText: string, position: number): SpacePhotoView => ({
  id,
  spaceId: SPACE,
  altText,
  position,
  width: 1200,
  height: 900,
  uploadedAt: '2026-12-06T10:00:00.000Z',
});
const gym = photo('11111111-1111-4111-8111-111111111111', 'Gymnase vu des gradins', 0);
const lockers = photo('22222222-2222-4222-8222-222222222222', 'Vestiaires', 1);
const calls: unknown[] = [];

jest.mock('../api/booking-api', () => ({
  bookingApi: {
    spacePhotos: async () => ({ photos: [gym, lockers] }),
    spacePhotoUrl: (id: string, photoId: string, size: string) => `/api/booking/spaces/${id}/photos/${photoId}/${size}`,
    reorderSpacePhotos: async (_id: string, photoIds: string[]) => {
      calls.push({ reorder: photoIds });
      return {
        photos: [
          { ...lockers, position: 0 },
          { ...gym, position: 1 },
        ],
      };
    },
    deleteSpacePhoto: async (_id: string, photoId: string) => calls.push({ delete: photoId }),
    uploadSpacePhoto: async () => calls.push({ upload: true }),
  },
}));

describe('SpacePhotosEditor', () => {
  beforeEach(() => calls.splice(0));

  it('shows each photo with its description as alt text, and moves one', async () => {
    renderScreen(<SpacePhotosEditor spaceId={SPACE} />, meFor());
    const image = await screen.findByAltText('Gymnase vu des gradins');
    expect(image.getAttribute('src')).toBe(`/api/booking/spaces/${SPACE}/photos/${gym.id}/400`);
    expect(screen.getByRole('button', { name: 'Avancer la photo 1, Gymnase vu des gradins' })).toHaveProperty(
      'disabled',
      true,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reculer la photo 1, Gymnase vu des gradins' }));
    expect(await screen.findByText('Ordre des photos enregistré.')).toBeTruthy();
    expect(calls).toEqual([{ reorder: [lockers.id, gym.id] }]);
    expect(screen.getAllByRole('img').map((img) => img.getAttribute('alt'))).toEqual([
      'Vestiaires',
      'Gymnase vu des gradins',
    ]);
  });

  it('refuses a photo without a description, in French, sending nothing', async () => {
    renderScreen(<SpacePhotosEditor spaceId={SPACE} />, meFor());
    await screen.findByAltText('Vestiaires');
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter la photo' }));
    expect((await screen.findAllByText(/décrivez la photo en quelques mots/i)).length).toBeGreaterThan(0);
    expect(calls).toEqual([]);
  });

  it('removes a photo', async () => {
    renderScreen(<SpacePhotosEditor spaceId={SPACE} />, meFor());
    fireEvent.click(await screen.findByRole('button', { name: 'Supprimer la photo 2, Vestiaires' }));
    expect(await screen.findByText('Photo supprimée.')).toBeTruthy();
    expect(calls).toEqual([{ delete: lockers.id }]);
    expect(screen.queryByAltText('Vestiaires')).toBeNull();
  });
});
