/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { SpacePhotoView } from '@salle/contracts';
import { ApiError } from '../api/api-error';
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
const upload = jest.fn();

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
    uploadSpacePhoto: (...args: unknown[]) => upload(...args),
  },
}));

describe('SpacePhotosEditor', () => {
  beforeEach(() => {
    calls.splice(0);
    upload.mockReset();
  });

  const alertTitle = () => document.querySelector('.salle-alert__title')?.textContent;
  const choose = async (altText: string, file: File) => {
    await screen.findByAltText('Vestiaires');
    fireEvent.change(screen.getByLabelText(/^Description/), { target: { value: altText } });
    fireEvent.change(screen.getByLabelText(/^Fichier/), { target: { files: [file] } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Ajouter la photo' }));
    });
  };

  it('uploads a photo with its description, then shows it with the others', async () => {
    const added = photo('33333333-3333-4333-8333-333333333333', 'Salle de danse et ses miroirs', 2);
    upload.mockResolvedValue(added);
    renderScreen(<SpacePhotosEditor spaceId={SPACE} />, meFor());
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'danse.jpg', { type: 'image/jpeg' });
    await choose('  Salle de danse et ses miroirs ', file);
    expect(upload).toHaveBeenCalledWith(
      SPACE,
      { altText: 'Salle de danse et ses miroirs', fileName: 'danse.jpg' },
      file,
    );
    expect(await screen.findByText('Photo ajoutée.')).toBeTruthy();
    expect(screen.getAllByRole('img').map((img) => img.getAttribute('alt'))).toEqual([
      'Gymnase vu des gradins',
      'Vestiaires',
      'Salle de danse et ses miroirs',
    ]);
    expect((screen.getByLabelText(/^Description/) as HTMLInputElement).value).toBe('');
  });

  it('shows the service’s refusal of a file that is not a photo, or too heavy, and adds nothing', async () => {
    const typeRefused =
      'Ce fichier n’est pas au format JPEG, PNG ou WebP\u00a0: son contenu ne correspond à aucun de ces formats, quel que soit son nom.';
    upload.mockRejectedValueOnce(new ApiError({ status: 422, code: 'file_type_refused', title: typeRefused }));
    renderScreen(<SpacePhotosEditor spaceId={SPACE} />, meFor());
    await choose('Plan du gymnase', new File(['%PDF-1.7'], 'plan.jpg', { type: 'image/jpeg' }));
    await waitFor(() => expect(alertTitle()).toBe(typeRefused));
    expect(screen.getAllByRole('img')).toHaveLength(2);
    expect(screen.queryByText('Photo ajoutée.')).toBeNull();

    const tooLarge = 'Le fichier pèse 12,5\u00a0Mo\u00a0; la limite est de 10\u00a0Mo.';
    upload.mockRejectedValueOnce(new ApiError({ status: 413, code: 'file_too_large', title: tooLarge }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Ajouter la photo' }));
    });
    await waitFor(() => expect(alertTitle()).toBe(tooLarge));
    expect(screen.getAllByRole('img')).toHaveLength(2);
    expect(upload).toHaveBeenCalledTimes(2);
  });

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
