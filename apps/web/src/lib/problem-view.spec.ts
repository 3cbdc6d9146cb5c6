import { mapFieldErrors } from './form-errors';
import { problemView } from './problem-view';

const validation = {
  status: 400,
  code: 'validation_failed',
  title: 'Certaines informations sont manquantes ou incorrectes\u00a0: le nom, la latitude.',
  detail: 'Le nom\u00a0: doit contenir au moins 1 caractère. La latitude\u00a0: doit être au plus 90.',
  requestId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  errors: [
    { field: 'name', message: 'Le nom\u00a0: doit contenir au moins 1 caractère' },
    { field: 'latitude', message: 'La latitude\u00a0: doit être au plus 90' },
  ],
};

describe('problemView', () => {
  it('shows a service’s field message beside the form’s own field, under the form’s label', () => {
    expect(mapFieldErrors(validation.errors, ['name']).byField).toEqual({
      name: 'Doit contenir au moins 1 caractère.',
    });
    const view = problemView(validation, { fields: { name: 'Nom de l’espace' } });
    expect(view.items).toEqual([
      { key: 'name', field: 'name', text: 'Nom de l’espace\u00a0: Doit contenir au moins 1 caractère.' },
      { key: 'u0', field: null, text: 'La latitude\u00a0: doit être au plus 90.' },
    ]);
    expect(view.detail).toBeNull();
  });

  it('keeps the incident code for server failures only, worded for people', () => {
    expect(problemView(validation).reference).toBeNull();
    const failure = problemView({
      status: 500,
      code: 'internal_error',
      title: 'Une erreur inattendue est survenue. Réessayez plus tard.',
      detail: 'Si le problème persiste, communiquez ce code au support\u00a0: 42aa.',
      errorId: '42aa',
      requestId: '7',
    });
    expect(failure.reference).toBe('Si le problème persiste, communiquez ce code\u00a0: 42aa');
    expect(failure.detail).toBeNull();
    expect(
      problemView({ status: 409, code: 'slot_taken', title: 'Créneau pris.', requestId: 'r1' }).reference,
    ).toBeNull();
  });
});
