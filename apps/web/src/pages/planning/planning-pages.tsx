import { bookingApi } from '../../api/booking-api';
import type { PageProps } from '../../app/routes';
import { usePageTitle } from '../../app/site-context';
import { ManagerLayout } from '../manager/manager-layout';
import { Planning } from './planning-view';

/** A collège's planning, for its managers. */
export function EstablishmentPlanningPage({ params }: PageProps) {
  const establishmentId = params['establishmentId'] ?? '';
  return (
    <ManagerLayout establishmentId={establishmentId} title="Planning du collège">
      {() => (
        <Planning
          establishmentId={establishmentId}
          load={(query, signal) => bookingApi.establishmentPlanning(establishmentId, query, { signal })}
        />
      )}
    </ManagerLayout>
  );
}

/** Every collège's planning, for the département's admins. */
export function DepartmentPlanningPage() {
  usePageTitle('Planning du département');
  return (
    <>
      <h1>Planning du département</h1>
      <Planning load={(query, signal) => bookingApi.departmentPlanning(query, { signal })} />
    </>
  );
}
