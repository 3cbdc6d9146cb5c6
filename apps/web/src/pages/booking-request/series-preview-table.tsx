import type { SeriesOccurrenceState, SeriesPreviewView } from '@salle/contracts';
import type { BadgeSeverity } from '../../lib/labels';
import { formatEuros } from '../../lib/money';
import { formatDate, formatTimeRange } from '../../lib/paris-time';
import { Badge } from '../../ui';

const STATES: Record<SeriesOccurrenceState, { label: string; severity: BadgeSeverity }> = {
  free: { label: 'Libre', severity: 'success' },
  conflict: { label: 'Déjà pris', severity: 'error' },
  closed: { label: 'Fermé', severity: 'warning' },
  skipped: { label: 'Non demandé', severity: 'info' },
};

/** Every occurrence of a weekly series with its state, reason and price, as the service previewed it. */
export function SeriesPreviewTable({ preview }: { preview: SeriesPreviewView }) {
  const { summary } = preview;
  return (
    <>
      <p>
        {summary.free} libre{summary.free > 1 ? 's' : ''}, {summary.conflict} déjà prise
        {summary.conflict > 1 ? 's' : ''}, {summary.closed} fermée
        {summary.closed > 1 ? 's' : ''}, {summary.skipped} non demandée{summary.skipped > 1 ? 's' : ''}. Total des
        séances libres&nbsp;: <strong>{formatEuros(summary.totalPriceCents)}</strong>. Seules les séances libres seront
        demandées.
      </p>
      <div className="salle-table salle-table-scroll">
        <table>
          <caption className="salle-sr-only">Séances de la série</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Horaire</th>
              <th scope="col">État</th>
              <th scope="col">Détail</th>
              <th scope="col">Prix</th>
            </tr>
          </thead>
          <tbody>
            {preview.occurrences.map((occurrence) => (
              <tr key={occurrence.startsAt}>
                <th scope="row">{formatDate(occurrence.date)}</th>
                <td>{formatTimeRange(occurrence.startsAt, occurrence.endsAt)}</td>
                <td>
                  <Badge small as="span" severity={STATES[occurrence.state].severity}>
                    {STATES[occurrence.state].label}
                  </Badge>
                </td>
                <td>{occurrence.reasons.map((reason) => reason.message).join(' ') || '—'}</td>
                <td>{occurrence.state === 'free' ? formatEuros(occurrence.priceCents) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
