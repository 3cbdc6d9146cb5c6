/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
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

const page = jest.fn();
jest.mock('../../api/audit-api', () => ({
  auditApi: {
    page: (filters: unknown, cursor: unknown) => page(filters, cursor),
    csvUrl: (filters: Record<string, string | undefined>) =>
      `/api/audit-entries.csv?${new URLSearchParams(
        Object.entries(filters).filter((pair): pair is [string, string] => pair[1] !== undefined),
      ).toString()}`,
  },
}));
const admin = meFor({ roles: ['department_admin'] });

beforeEach(() => {
  window.history.replaceState(null, '', '/journal-audit');
  page.mockReset().mockResolvedValue({ items: [spaceUpdated, paid], nextCursor: '1765026000000-payment-3' });
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
});
