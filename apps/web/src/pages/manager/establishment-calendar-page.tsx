import type { PageProps } from '../../app/routes';
import { navigate, useLocation } from '../../app/router';
import { SelectField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { WeekCalendar } from '../../components/week-calendar';
import { bookingApi } from '../../api/booking-api';
import { todayInParis } from '../../lib/paris-time';
import { ManagerLayout } from './manager-layout';

export function EstablishmentCalendarPage({ params }: PageProps) {
  const establishmentId = params['establishmentId'] ?? '';
  const location = useLocation();
  const spaces = useAsync((signal) => bookingApi.establishmentSpaces(establishmentId, { signal }), [establishmentId]);
  const week = location.search.get('semaine') ?? todayInParis();
  const spaceId = location.search.get('espace') ?? spaces.data?.items[0]?.id ?? '';
  const go = (next: { espace?: string; semaine?: string }) =>
    navigate(
      `/gestion/${establishmentId}/calendrier?${new URLSearchParams({ espace: next.espace ?? spaceId, semaine: next.semaine ?? week }).toString()}`,
      { replace: true, keepScroll: true },
    );

  return (
    <ManagerLayout establishmentId={establishmentId} title="Calendrier du collège">
      {() => (
        <>
          {spaces.loading && <Loading label="Chargement des espaces…" />}
          <ProblemAlert error={spaces.error} />
          {spaces.data && spaces.data.items.length === 0 && <p>Ce collège n’a pas encore d’espace.</p>}
          {spaces.data && spaces.data.items.length > 0 && (
            <>
              <SelectField
                formId="calendrier"
                name="espace"
                label="Espace"
                options={spaces.data.items.map((space) => ({ value: space.id, label: space.name }))}
                value={spaceId}
                onChange={(e) => go({ espace: e.target.value })}
              />
              <WeekCalendar
                spaceId={spaceId}
                week={week}
                linkBookings
                onWeekChange={(monday) => go({ semaine: monday })}
              />
            </>
          )}
        </>
      )}
    </ManagerLayout>
  );
}
