import type { PlanningView } from '@salle/contracts';
import { navigate, useLocation } from '../../app/router';
import { RadioGroup } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { bookingDownloads } from '../../api/booking-api';
import { addDays, formatDate, mondayOf, todayInParis } from '../../lib/paris-time';
import { Button, buttonClass, ResponsiveTable } from '../../ui';
import { PLANNING_COLUMNS, PlanningClosures, planningItems } from './planning-entries';

type Span = 'jour' | 'semaine';

/**
 * The planning of one collège or of the département: a day or a week, every
 * space with who comes (a series' sessions in one line), the contact and the
 * access notes, and the closures, in one request;
 * printable (the print stylesheet drops the site's navigation) and as a PDF.
 */
export function Planning({
  establishmentId,
  load,
}: {
  /** The collège; the whole département when absent. */
  establishmentId?: string;
  load: (query: { from: string; days: number }, signal: AbortSignal) => Promise<PlanningView>;
}) {
  const location = useLocation();
  const span: Span = location.search.get('vue') === 'jour' ? 'jour' : 'semaine';
  const day = location.search.get('date') ?? todayInParis();
  const from = span === 'semaine' ? mondayOf(day) : day;
  const days = span === 'semaine' ? 7 : 1;
  const planning = useAsync((signal) => load({ from, days }, signal), [from, days, establishmentId]);
  const go = (next: { vue?: Span; date?: string }) =>
    navigate(
      `${location.pathname}?${new URLSearchParams({ vue: next.vue ?? span, date: next.date ?? from }).toString()}`,
      { replace: true, keepScroll: true },
    );

  return (
    <>
      <div className="salle-no-print">
        <RadioGroup
          formId="planning"
          name="vue"
          legend="Période"
          inline
          value={span}
          onChange={(value) => go({ vue: value as Span })}
          options={[
            { value: 'jour', label: 'Un jour' },
            { value: 'semaine', label: 'Une semaine' },
          ]}
        />
        <ul className="salle-btns-group salle-btns-group--inline-sm">
          <li>
            <Button priority="secondary" size="small" onClick={() => go({ date: addDays(from, -days) })}>
              {span === 'semaine' ? 'Semaine précédente' : 'Jour précédent'}
            </Button>
          </li>
          <li>
            <Button priority="secondary" size="small" onClick={() => go({ date: addDays(from, days) })}>
              {span === 'semaine' ? 'Semaine suivante' : 'Jour suivant'}
            </Button>
          </li>
          <li>
            <Button priority="secondary" size="small" onClick={() => window.print()}>
              Imprimer
            </Button>
          </li>
          <li>
            <a
              className={buttonClass('secondary', 'small')}
              href={bookingDownloads.planningPdf(from, days, establishmentId)}
              download
            >
              Télécharger en PDF
            </a>
          </li>
        </ul>
      </div>
      <h2 className="salle-h4" aria-live="polite">
        {days === 1 ? formatDate(from) : `Du ${formatDate(from)} au ${formatDate(addDays(from, 6))}`}
      </h2>
      {planning.loading && !planning.data && <Loading label="Chargement du planning…" />}
      <ProblemAlert error={planning.error} />
      {planning.data?.establishments.map((establishment) => (
        <section key={establishment.id} aria-labelledby={`planning-${establishment.id}`} className="salle-mb-4w">
          <h3 id={`planning-${establishment.id}`} className={establishmentId ? 'salle-sr-only' : 'salle-h5'}>
            {establishment.name}
          </h3>
          <PlanningClosures establishment={establishment} />
          {establishment.spaces.length === 0 && <p>Aucun espace ouvert.</p>}
          {establishment.spaces.map((space) => (
            <div key={space.id} className="salle-mb-2w">
              {space.entries.length === 0 ? (
                <p>
                  <strong>{space.name}</strong>&nbsp;: aucune réservation.
                </p>
              ) : (
                <ResponsiveTable
                  caption={`${space.name}${establishmentId ? '' : `, ${establishment.name}`}`}
                  rows={planningItems(space.entries)}
                  rowKey={(item) => item.key}
                  columns={PLANNING_COLUMNS}
                />
              )}
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
