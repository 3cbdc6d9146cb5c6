import type { AuditEntry, AuditPage } from '@salle/contracts';
import { departmentAdmin, type BookingTestService } from './booking-test-service';

/** Reads for the tests, as a département admin would through the gateway's viewer. */
const reader = departmentAdmin();

/**
 * The booking service's audit entries matching the viewer's filters, newest first, read through its own
 * `GET /audit-entries` (the page the gateway merges into « Journal d’audit »), not from the table.
 */
export async function auditEntries(
  api: BookingTestService,
  filters: { action?: string; organisationId?: string; establishmentId?: string; actorAccountId?: string },
): Promise<AuditEntry[]> {
  const query = new URLSearchParams({ ...filters, limit: '200' });
  const response = await api.as(reader).get<AuditPage>(`/audit-entries?${query}`);
  if (response.status !== 200) throw new Error(`audit entries: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.items;
}

/** An entry as the tests compare it: all the viewer shows but its number, instant and service (always booking). */
export function summary(entry: AuditEntry): Omit<AuditEntry, 'id' | 'at' | 'service'> {
  const { id, at, service, ...shown } = entry;
  expect({ id, at, service }).toEqual({
    id: expect.stringMatching(/^booking:\d+$/),
    at: expect.any(String),
    service: 'booking',
  });
  return shown;
}
