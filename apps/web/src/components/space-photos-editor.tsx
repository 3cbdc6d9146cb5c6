import { frenchFileSize, SPACE_PHOTO_MAX_BYTES, SPACE_PHOTO_TYPES, type SpacePhotoView } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import { bookingApi } from '../api/booking-api';
import { Button } from '../ui';
import { TextField } from './form-fields';
import { Loading } from './loading';
import { ProblemAlert } from './problem-alert';
import { useAction } from './use-action';
import { useAsync } from './use-async';

const KINDS = Object.values(SPACE_PHOTO_TYPES)
  .join(', ')
  .replace(/, (?=[^,]*$)/, ' ou ');
const ACCEPT = [...Object.keys(SPACE_PHOTO_TYPES), '.jpg', '.jpeg', '.png', '.webp'].join(',');

const missing = (field: 'altText' | 'file', message: string) =>
  new ApiError({
    title: `${message.charAt(0).toUpperCase()}${message.slice(1)}.`,
    status: 400,
    code: 'validation_failed',
    errors: [{ field, message }],
  });

/** The managers' photos of a space: each with its description, moved up or down, removed; and the form to add one. */
export function SpacePhotosEditor({ spaceId }: { spaceId: string }) {
  const photos = useAsync(async (signal) => (await bookingApi.spacePhotos(spaceId, { signal })).photos, [spaceId]);
  const { busy, error, setError, run } = useAction();
  const [status, setStatus] = useState('');
  const list = photos.data ?? [];

  const move = (index: number, by: -1 | 1) =>
    run(async () => {
      const ids = list.map((photo) => photo.id);
      const [moved] = ids.splice(index, 1);
      ids.splice(index + by, 0, moved as string);
      photos.setData((await bookingApi.reorderSpacePhotos(spaceId, ids)).photos);
      setStatus('Ordre des photos enregistré.');
    });
  const remove = (photo: SpacePhotoView) =>
    run(async () => {
      await bookingApi.deleteSpacePhoto(spaceId, photo.id);
      photos.setData(list.filter((kept) => kept.id !== photo.id).map((kept, position) => ({ ...kept, position })));
      setStatus('Photo supprimée.');
    });

  return (
    <section aria-labelledby={`photos-${spaceId}`}>
      <h2 id={`photos-${spaceId}`} className="salle-h5">
        Photos
      </h2>
      {photos.loading && photos.data === undefined && <Loading label="Chargement des photos…" />}
      <ProblemAlert error={photos.error ?? error} focus={false} />
      <p role="status">{status}</p>
      {photos.data !== undefined && list.length === 0 && <p>Aucune photo pour l’instant.</p>}
      {list.length > 0 && (
        <ol className="salle-photos salle-mb-2w">
          {list.map((photo, index) => (
            <li key={photo.id}>
              <img
                src={bookingApi.spacePhotoUrl(spaceId, photo.id, '400')}
                alt={photo.altText}
                width={photo.width}
                height={photo.height}
                loading="lazy"
              />
              <p className="salle-mb-1v">{photo.altText}</p>
              <Button
                size="small"
                priority="tertiary"
                disabled={busy || index === 0}
                onClick={() => void move(index, -1)}
              >
                Avancer
                <span className="salle-sr-only">
                  {' '}
                  la photo {index + 1}, {photo.altText}
                </span>
              </Button>{' '}
              <Button
                size="small"
                priority="tertiary"
                disabled={busy || index === list.length - 1}
                onClick={() => void move(index, 1)}
              >
                Reculer
                <span className="salle-sr-only">
                  {' '}
                  la photo {index + 1}, {photo.altText}
                </span>
              </Button>{' '}
              <Button size="small" priority="secondary" disabled={busy} onClick={() => void remove(photo)}>
                Supprimer
                <span className="salle-sr-only">
                  {' '}
                  la photo {index + 1}, {photo.altText}
                </span>
              </Button>
            </li>
          ))}
        </ol>
      )}
      <SpacePhotoForm
        spaceId={spaceId}
        onUploaded={(photo) => {
          photos.setData([...list, photo]);
          setStatus('Photo ajoutée.');
          setError(null);
        }}
      />
    </section>
  );
}

/** The description is required: a photo without one says nothing to a person using a screen reader. */
function SpacePhotoForm({ spaceId, onUploaded }: { spaceId: string; onUploaded: (photo: SpacePhotoView) => void }) {
  const formId = `photo-${spaceId}`;
  const [altText, setAltText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, setError, run } = useAction();
  const fieldError = (field: string) => error?.fieldErrors.find((problem) => problem.field === field)?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!altText.trim()) return setError(missing('altText', 'décrivez la photo en quelques mots (texte alternatif)'));
    if (!file) return setError(missing('file', 'choisissez le fichier de la photo'));
    if (file.size > SPACE_PHOTO_MAX_BYTES) {
      return setError(
        new ApiError({
          title: `Le fichier pèse ${frenchFileSize(file.size)}\u00a0; la limite est de ${frenchFileSize(SPACE_PHOTO_MAX_BYTES)}.`,
          status: 422,
          code: 'file_too_large',
          errors: [{ field: 'file', message: 'choisissez un fichier plus léger' }],
        }),
      );
    }
    return run(async () => {
      onUploaded(await bookingApi.uploadSpacePhoto(spaceId, { altText: altText.trim(), fileName: file.name }, file));
      setAltText('');
    });
  };

  return (
    <form id={formId} onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`} className="salle-h6">
        Ajouter une photo
      </h3>
      <ProblemAlert
        error={error}
        form={{ id: formId, fields: { altText: 'Description', file: 'Fichier' }, aliases: { fileName: 'file' } }}
      />
      <TextField
        formId={formId}
        name="altText"
        label="Description"
        hint="Ce que montre la photo, lu à la place de l’image (par exemple « Gymnase vu depuis les gradins »)."
        value={altText}
        onChange={(e) => setAltText(e.target.value)}
        error={fieldError('altText')}
      />
      <TextField
        formId={formId}
        name="file"
        label="Fichier"
        hint={`${KINDS}, ${frenchFileSize(SPACE_PHOTO_MAX_BYTES)} au plus.`}
        type="file"
        accept={ACCEPT}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        error={fieldError('file')}
      />
      <Button type="submit" priority="secondary" disabled={busy}>
        {busy ? 'Envoi…' : 'Ajouter la photo'}
      </Button>
    </form>
  );
}
