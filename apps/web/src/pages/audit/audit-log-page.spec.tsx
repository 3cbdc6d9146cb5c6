/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { AuditEntry } from '@salle/contracts';
import { meFor, renderScreen, skippedHeadingLevels } from '../../testing/render-screen';
import { AuditLogPage } from './audit-log-page';

const spaceUpdated: AuditEntry = {
  id: 'booking:7',
  at: '2026-12-06T14:00:00.000Z',
  service: 'booking',
  action: 'space.updated',
  actorAccountId: '0c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a11',
  actorRole: 'establishment_manager',
  onBehalfOf: null,
  objectType: 'space',
  objectId: '1c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a12',
  establishmentId: '2c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a13',
  organisationId: null,
  changes: { name: { before: 'Gymnase', after: 'Grand gymnase' } },
};
const paid: AuditEntry = {
  ...spaceUpdated,
  id: 'payment:3',
  at: '2026-12-06T13:00:00.000Z',
  service: 'payment',
  action: 'payment.succeeded',
  actorAccountId: null,
  actorRole: 'provider',
  objectType: 'payment',
  changes: { status: { before: 'pending', after: 'succeeded' } },
};

const FLAVIUS = { id: '2c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a13', name: 'Collège Flavius Vaussenat', uai: '0380003A' };
const BREL = { id: '3c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a14', name: 'Collège Jacques Brel', uai: '0381234B' };
const BASKET = {
  id: '4c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a15',
  name: 'Basket Club du Grésivaudan',
  rna: 'W381000123',
  siren: null,
  status: 'verified',
};

const page = jest.fn();
const establishments = jest.fn();
const organisations = jest.fn();
jest.mock('../../api/audit-api', () => ({
  auditApi: {
    page: (filters: unknown, cursor: unknown) => page(filters, cursor),
    establishments: () => establishments(),
    organisations: (text: string) => organisations(text),
    csvUrl: (filters: Record<string, string | undefined>) =>
      `/api/audit-entries.csv?${new URLSearchParams(
        Object.entries(filters).filter((pair): pair is [string, string] => pair[1] !== undefined),
      ).toString()}`,
  },
}));
const admin = meFor({ roles: ['department_admin'] });
const manager = meFor({ roles: ['establishment_manager'], establishments: [BREL] });

const combobox = (name: string) => screen.getByRole('combobox', { name }) as HTMLInputElement;
const type = (name: string, text: string) =>
  act(() => void fireEvent.change(combobox(name), { target: { value: text } }));
const key = (name: string, key: string) => act(() => void fireEvent.keyDown(combobox(name), { key }));
const options = () => screen.queryAllByRole('option').map((option) => option.textContent);

beforeEach(() => {
  window.history.replaceState(null, '', '/journal-audit');
  page.mockReset().mockResolvedValue({ items: [spaceUpdated, paid], nextCursor: '1765026000000-payment-3' });
  establishments.mockReset().mockResolvedValue([BREL, FLAVIUS]);
  organisations
    .mockReset()
    .mockImplementation((text: string) =>
      Promise.resolve([BASKET].filter((organisation) => organisation.name.toLowerCase().includes(text.toLowerCase()))),
    );
});

describe('AuditLogPage', () => {
  it('lists the entries of every service with who, what, which object and the changes, and pages on', async () => {
    const { container } = renderScreen(<AuditLogPage />, admin);
    await screen.findByText('2 entrées, les plus récentes d’abord.', {}, { timeout: 10_000 });
    const table = container.querySelector('table')?.textContent ?? '';
    expect(table).toContain('Espace modifié');
    expect(table).toContain('Paiement encaissé');
    expect(container.textContent).toContain('Gestionnaire de collège');
    expect(container.textContent).toContain('Prestataire de paiement');
    expect(container.textContent).toContain('name\u00a0: Gymnase → Grand gymnase');
    expect(screen.getByRole('status').textContent).toBe('2 entrées, les plus récentes d’abord.');
    expect(screen.getByRole('link', { name: 'Entrées plus anciennes' }).getAttribute('href')).toBe(
      '/journal-audit?curseur=1765026000000-payment-3',
    );
    expect(screen.getByRole('link', { name: 'Exporter ces entrées (CSV)' }).getAttribute('href')).toBe(
      '/api/audit-entries.csv?',
    );
    expect(page).toHaveBeenCalledWith(expect.objectContaining({ service: undefined }), undefined);
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('filters by service and action through the page’s address, and exports the same filters', async () => {
    window.history.replaceState(null, '', '/journal-audit?service=payment&action=payment.succeeded&du=2026-12-01');
    renderScreen(<AuditLogPage />, admin);
    await screen.findByText('2 entrées, les plus récentes d’abord.', {}, { timeout: 10_000 });
    expect(page).toHaveBeenCalledWith(
      expect.objectContaining({
        service: 'payment',
        action: 'payment.succeeded',
        from: '2026-11-30T23:00:00.000Z',
      }),
      undefined,
    );
    const csv = screen.getByRole('link', { name: 'Exporter ces entrées (CSV)' }).getAttribute('href') ?? '';
    expect(csv).toContain('service=payment');
    expect(csv).toContain('action=payment.succeeded');
    fireEvent.change(screen.getByLabelText('Service'), { target: { value: 'booking' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filtrer' }));
    await waitFor(() => expect(window.location.search).toContain('service=booking'));
  });

  it('picks an admin’s collège among all of them by name, with the keyboard, and filters by its id', async () => {
    renderScreen(<AuditLogPage />, admin);
    await screen.findByText('2 entrées, les plus récentes d’abord.', {}, { timeout: 10_000 });
    await waitFor(() => expect(establishments).toHaveBeenCalled());
    act(() => combobox('Collège').focus());
    type('Collège', 'brel');
    await waitFor(() => expect(options()).toEqual(['Collège Jacques Brel (0381234B)']));
    key('Collège', 'ArrowDown');
    key('Collège', 'Enter');
    expect(combobox('Collège').value).toBe('Collège Jacques Brel (0381234B)');
    fireEvent.click(screen.getByRole('button', { name: 'Filtrer' }));
    await waitFor(() => expect(window.location.search).toBe(`?college=${BREL.id}`));
    await waitFor(() =>
      expect(page).toHaveBeenLastCalledWith(expect.objectContaining({ establishmentId: BREL.id }), undefined),
    );
    expect(screen.getByRole('link', { name: 'Exporter ces entrées (CSV)' }).getAttribute('href')).toBe(
      `/api/audit-entries.csv?establishmentId=${BREL.id}`,
    );
  });

  it('offers a manager only their collèges, and shows by name a collège the address names', async () => {
    window.history.replaceState(null, '', `/journal-audit?college=${BREL.id}`);
    renderScreen(<AuditLogPage />, manager);
    await screen.findByText('2 entrées, les plus récentes d’abord.', {}, { timeout: 10_000 });
    await waitFor(() => expect(combobox('Collège').value).toBe('Collège Jacques Brel (0381234B)'));
    expect(establishments).not.toHaveBeenCalled();
    act(() => combobox('Collège').focus());
    type('Collège', 'collège');
    await waitFor(() => expect(options()).toEqual(['Collège Jacques Brel (0381234B)']));
  });

  it('finds an organisation by name as one types, and filters by its id', async () => {
    renderScreen(<AuditLogPage />, admin);
    await screen.findByText('2 entrées, les plus récentes d’abord.', {}, { timeout: 10_000 });
    act(() => combobox('Organisme').focus());
    type('Organisme', 'basket');
    await waitFor(() => expect(options()).toEqual(['Basket Club du Grésivaudan (RNA W381000123)']));
    expect(organisations).toHaveBeenLastCalledWith('basket');
    key('Organisme', 'ArrowDown');
    key('Organisme', 'Enter');
    fireEvent.click(screen.getByRole('button', { name: 'Filtrer' }));
    await waitFor(() => expect(window.location.search).toBe(`?organisme=${BASKET.id}`));
    await waitFor(() =>
      expect(page).toHaveBeenLastCalledWith(expect.objectContaining({ organisationId: BASKET.id }), undefined),
    );
    // The name chosen stays in the field once the filter applies.
    expect(combobox('Organisme').value).toBe('Basket Club du Grésivaudan (RNA W381000123)');
  });

  it('filters by an entry’s author from the results, the field and the export following', async () => {
    renderScreen(<AuditLogPage />, admin);
    await screen.findByText('2 entrées, les plus récentes d’abord.', {}, { timeout: 10_000 });
    const author = screen.getByRole('link', { name: `Filtrer sur l’auteur ${spaceUpdated.actorAccountId}` });
    expect(author.getAttribute('href')).toBe(`/journal-audit?acteur=${spaceUpdated.actorAccountId}`);
    // The provider's entry names no account: nothing to filter on.
    expect(screen.getAllByRole('link', { name: /^Filtrer sur l’auteur/ })).toHaveLength(1);
    // Following a link scrolls to the top of the page, which jsdom does not do.
    const scrollTo = jest.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
    fireEvent.click(author);
    expect(scrollTo).toHaveBeenCalled();
    scrollTo.mockRestore();
    await waitFor(() =>
      expect(page).toHaveBeenLastCalledWith(
        expect.objectContaining({ actorAccountId: spaceUpdated.actorAccountId }),
        undefined,
      ),
    );
    expect((screen.getByLabelText(/Compte de l’auteur/) as HTMLInputElement).value).toBe(spaceUpdated.actorAccountId);
    expect(screen.getByRole('link', { name: 'Exporter ces entrées (CSV)' }).getAttribute('href')).toBe(
      `/api/audit-entries.csv?actorAccountId=${spaceUpdated.actorAccountId}`,
    );
  });
});
