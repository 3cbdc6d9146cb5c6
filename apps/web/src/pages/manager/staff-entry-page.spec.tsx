/** @jest-environment jsdom */
import type { OrganisationView, SeriesCreatedView, SeriesPreviewView } from '@salle/contracts';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { establishment, organisation, requestedBooking, space } from '../../testing/fixtures';
import { meFor, renderScreen, skippedHeadingLevels, typeIntoField } from '../../testing/render-screen';
import { StaffEntryPage } from './staff-entry-page';

const verified: OrganisationView = { ...organisation, status: 'verified', verifiedAt: '2026-11-02T10:00:00Z' };
const lookUpOrganisation = jest.fn();
const enterOrganisation = jest.fn();
const enterBooking = jest.fn();
const previewSeries = jest.fn();
const enterSeries = jest.fn();
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    establishment: async () => establishment,
    establishmentSpaces: async () => ({ items: [space] }),
    space: async () => space,
  },
}));
jest.mock('../../api/staff-entry-api', () => ({
  staffEntryApi: {
    lookUpOrganisation: (...args: unknown[]) => lookUpOrganisation(...args),
    enterOrganisation: (...args: unknown[]) => enterOrganisation(...args),
    enterBooking: (...args: unknown[]) => enterBooking(...args),
    previewSeries: (...args: unknown[]) => previewSeries(...args),
    enterSeries: (...args: unknown[]) => enterSeries(...args),
  },
}));

const manager = meFor({ account: { provider: 'proconnect' }, roles: ['establishment_manager'] });
const problem = (status: number, code: string, title: string, errors?: { field: string; message: string }[]) =>
  new ApiError({ status, code, title, ...(errors ? { errors } : {}) });

async function open() {
  const view = renderScreen(<StaffEntryPage params={{ establishmentId: establishment.id }} />, manager);
  await screen.findByRole('heading', { level: 1, name: 'Saisir une demande pour un organisme' });
  return view;
}

async function find(number: string) {
  fireEvent.change(screen.getByLabelText(/^Numéro RNA, SIREN ou SIRET/), { target: { value: number } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Rechercher l’organisme' }));
  });
}

async function chooseSlot(container: HTMLElement, dateLabel = 'Date') {
  await screen.findByRole('heading', { level: 2, name: '2. La demande' });
  fireEvent.change(container.querySelector('select[name="spaceId"]') as HTMLSelectElement, {
    target: { value: space.id },
  });
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
  typeIntoField(dateLabel, '11012027');
  typeIntoField('Heure de début', '1800');
  typeIntoField('Heure de fin', '2000');
}

const submit = async (container: HTMLElement) =>
  act(async () => {
    fireEvent.submit(container.querySelector('form#saisie') as HTMLFormElement);
  });

describe('StaffEntryPage', () => {
  beforeEach(() => {
    for (const mock of [lookUpOrganisation, enterOrganisation, enterBooking, previewSeries, enterSeries])
      mock.mockReset();
  });

  it('is reached from the collège’s navigation and keeps its headings in order', async () => {
    const { container } = await open();
    const link = screen.getByRole('link', { name: 'Saisir une demande' });
    expect(link.getAttribute('href')).toBe(`/gestion/${establishment.id}/saisie`);
    expect(link.getAttribute('aria-current')).toBeNull();
    expect(screen.getByLabelText(/^Numéro RNA, SIREN ou SIRET/)).toBeTruthy();
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('finds the organisation by its SIRET (its SIREN), then enters a one-off request paid at the counter, approved at once', async () => {
    lookUpOrganisation.mockResolvedValue(verified);
    enterBooking.mockResolvedValue({ ...requestedBooking, status: 'confirmed', paymentChoice: 'counter' });
    const { container } = await open();
    await find('W381234567');
    expect(lookUpOrganisation).toHaveBeenLastCalledWith(establishment.id, 'W381234567');
    fireEvent.click(screen.getByRole('button', { name: 'Changer d’organisme' }));
    await find('123 456 789 00012');
    expect(lookUpOrganisation).toHaveBeenLastCalledWith(establishment.id, '123456789');
    expect(container.textContent).toContain('Basket Club Grenoble');
    expect(container.textContent).toContain('Claire Martin, +33612345678, claire.martin@example.fr');

    await chooseSlot(container);
    fireEvent.click(screen.getByLabelText(/^Accepter la demande dès maintenant/));
    fireEvent.change(screen.getByLabelText(/^Message à l’organisme/), { target: { value: 'Clés à l’accueil' } });
    await submit(container);

    expect(enterBooking).toHaveBeenCalledWith(establishment.id, {
      spaceId: space.id,
      organisationId: verified.id,
      startsAt: '2027-01-11T18:00:00+01:00',
      endsAt: '2027-01-11T20:00:00+01:00',
      purpose: '',
      attendees: undefined,
      paymentChoice: 'counter',
      approve: true,
      message: 'Clés à l’accueil',
    });
    const outcome = await screen.findByRole('heading', { level: 2, name: 'Demande enregistrée' });
    expect(container.textContent).toContain('La demande de Basket Club Grenoble est enregistrée.');
    expect(container.textContent).toContain('Règlement au guichet du collège.');
    // Signed on paper at the desk: the booking's page records it.
    expect(container.textContent).toContain('choisissez «\u00a0Convention signée sur papier\u00a0»');
    expect(screen.getByRole('link', { name: 'Voir la réservation' }).getAttribute('href')).toBe(
      `/reservations/${requestedBooking.id}`,
    );
    await waitFor(() => expect(document.activeElement?.contains(outcome)).toBe(true));
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('shows the service’s refusals next to the fields they name, and its other problems above the form', async () => {
    lookUpOrganisation.mockResolvedValue(verified);
    enterBooking.mockRejectedValueOnce(
      problem(400, 'validation_failed', 'La requête contient des erreurs.', [
        { field: 'paymentChoice', message: 'un payeur public est payé sur facture' },
      ]),
    );
    const { container } = await open();
    await find('W381234567');
    await submit(container);
    // Nothing is sent while the form itself is incomplete; each field says what it misses.
    expect(enterBooking).not.toHaveBeenCalled();
    expect(container.querySelector('#saisie-spaceId')?.closest('.salle-select-group--error')).not.toBeNull();

    await chooseSlot(container);
    fireEvent.click(screen.getByLabelText(/^En ligne/));
    await submit(container);
    expect(enterBooking.mock.calls[0]?.[1]).toMatchObject({ paymentChoice: 'online', approve: false });
    const payment = screen.getByRole('group', { name: /^Règlement/ });
    expect(payment.textContent).toContain('Un payeur public est payé sur facture.');

    enterBooking.mockRejectedValueOnce(
      problem(422, 'organisation_not_verified', 'L’organisation n’est pas encore vérifiée par le département.'),
    );
    await submit(container);
    const form = container.querySelector('form#saisie') as HTMLFormElement;
    expect(form.querySelector('.salle-alert')?.textContent).toContain('L’organisation n’est pas encore vérifiée');
  });

  it('creates the record of an organisation that is not registered, then goes on with its request', async () => {
    lookUpOrganisation.mockRejectedValue(problem(404, 'organisation_not_found', 'Organisation introuvable.'));
    enterOrganisation.mockRejectedValueOnce(
      problem(409, 'organisation_exists', 'Une organisation est déjà déclarée avec ce numéro.'),
    );
    enterOrganisation.mockResolvedValueOnce({ ...organisation, rna: 'W381000555', name: 'Les Randonneurs' });
    const { container } = await open();
    await find('w381000555');
    expect(container.textContent).toContain('Aucun organisme n’est inscrit sous ce numéro.');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la fiche d’un organisme' }));
    const record = screen.getByRole('region', { name: 'Fiche de l’organisme' });
    expect((within(record).getByLabelText(/^Numéro RNA/) as HTMLInputElement).value).toBe('W381000555');
    // The staff member types someone else's details: the browser must not offer their own.
    expect(within(record).getByLabelText('Adresse e-mail').getAttribute('autocomplete')).toBe('off');

    await act(async () => {
      fireEvent.click(within(record).getByRole('button', { name: 'Enregistrer la fiche de l’organisme' }));
    });
    expect(enterOrganisation).not.toHaveBeenCalled();
    expect(within(record).getByLabelText('Nom de l’organisation').getAttribute('aria-invalid')).toBe('true');

    const fill = (label: string | RegExp, value: string) =>
      fireEvent.change(within(record).getByLabelText(label), { target: { value } });
    fill('Nom de l’organisation', 'Les Randonneurs');
    fill('Code postal', '38580');
    fill('Commune', 'Allevard');
    fill(/^Référence du contrat d’assurance/, 'MAIF 42');
    fill('Fin de validité de l’assurance', '2099-08-31');
    fill('Adresse e-mail', 'claire@randonneurs.example');
    for (const box of within(record).getAllByRole('checkbox').slice(0, 4)) fireEvent.click(box);
    const save = () =>
      act(async () => {
        fireEvent.click(within(record).getByRole('button', { name: 'Enregistrer la fiche de l’organisme' }));
      });
    await save();
    expect(enterOrganisation).toHaveBeenCalledWith(
      establishment.id,
      expect.objectContaining({ rna: 'W381000555', contactEmail: 'claire@randonneurs.example' }),
    );
    expect(record.querySelector('.salle-alert')?.textContent).toContain('déjà déclarée');
    await save();
    await screen.findByRole('heading', { level: 2, name: '2. La demande' });
    expect(container.textContent).toContain('Les Randonneurs');
    expect(container.textContent).toContain('Organisme en attente de vérification');
    expect(container.textContent).toContain(
      'Vous pouvez enregistrer sa demande\u00a0: en la saisissant, vous vous portez garant de l’organisme que vous avez rencontré.',
    );
  });

  it('tells that no request can be entered for an organisation the département rejected', async () => {
    lookUpOrganisation.mockResolvedValue({ ...organisation, status: 'rejected' });
    const { container } = await open();
    await find('W381234567');
    expect(container.textContent).toContain('Organisme refusé par le département');
    expect(container.textContent).toContain('Aucune demande ne peut être enregistrée pour lui.');
    expect(container.textContent).not.toContain('vous vous portez garant');
  });

  it('enters a weekly series after the member’s preview, and links to it', async () => {
    lookUpOrganisation.mockResolvedValue(verified);
    const preview: SeriesPreviewView = {
      spaceName: space.name,
      establishmentName: establishment.name,
      organisationName: verified.name,
      occurrences: [
        {
          date: '2027-01-11',
          startsAt: '2027-01-11T17:00:00Z',
          endsAt: '2027-01-11T19:00:00Z',
          state: 'free',
          reasons: [],
          priceCents: 3200,
        },
      ],
      summary: { total: 1, free: 1, conflict: 0, closed: 0, skipped: 0, totalPriceCents: 3200 },
    } as unknown as SeriesPreviewView;
    previewSeries.mockResolvedValue(preview);
    enterSeries.mockResolvedValue({
      series: { id: '99999999-9999-4999-8999-999999999999', spaceName: space.name },
      occurrences: [],
      summary: { total: 1, created: 1, conflict: 0, closed: 0, skipped: 0, totalPriceCents: 3200 },
    } as unknown as SeriesCreatedView);
    const { container } = await open();
    await find('W381234567');
    await screen.findByRole('heading', { level: 2, name: '2. La demande' });
    fireEvent.click(screen.getByLabelText(/Chaque semaine/));
    await chooseSlot(container, 'Date de la première séance');
    typeIntoField('Dernière séance au plus tard le', '01022027');
    await submit(container);
    expect(previewSeries).toHaveBeenCalledWith(
      establishment.id,
      expect.objectContaining({ spaceId: space.id, organisationId: verified.id, firstDate: '2027-01-11' }),
    );
    expect(previewSeries.mock.calls[0]?.[1]).not.toHaveProperty('paymentChoice');
    expect(enterSeries).not.toHaveBeenCalled();
    await screen.findByRole('heading', { level: 3, name: /Aperçu de la série/ });

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la séance libre' }));
    });
    expect(enterSeries).toHaveBeenCalledWith(
      establishment.id,
      expect.objectContaining({ rrule: expect.stringContaining('BYDAY=MO'), paymentChoice: 'counter', approve: false }),
    );
    expect(container.textContent).toContain('1 séance enregistrée sur 1 pour Basket Club Grenoble.');
    expect(screen.getByRole('link', { name: 'Voir la série' }).getAttribute('href')).toBe(
      '/series/99999999-9999-4999-8999-999999999999',
    );
  });
});
