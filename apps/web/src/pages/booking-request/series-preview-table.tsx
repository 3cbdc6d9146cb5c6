import type { SeriesOccurrenceState, SeriesPreviewView } from '@salle/contracts';
import type { BadgeSeverity } from '../../lib/labels';
import { formatEuros } from '../../lib/money';
import { formatDate, formatTimeRange } from '../../lib/paris-time';
import { Badge, ResponsiveTable, type TableColumn } from '../../ui';

const STATES: Record<SeriesOccurrenceState, { label: string; severity: BadgeSeverity }> = {
  free: { label: 'Libre', severity: 'success' },
  conflict: { label: 'Déjà pris', severity: 'error' },
  closed: { label: 'Fermé', severity: 'warning' },
  skipped: { label: 'Non demandé', severity: 'info' },
};

type Occurrence = SeriesPreviewView['occurrences'][number];

const OCCURRENCE_COLUMNS: TableColumn<Occurrence>[] = [
  { header: 'Date', cell: (occurrence) => formatDate(occurrence.date) },
  { header: 'Horaire', cell: (occurrence) => formatTimeRange(occurrence.startsAt, occurrence.endsAt) },
  {
    header: 'État',
    cell: (occurrence) => (
      <Badge small as="span" severity={STATES[occurrence.state].severity}>
        {STATES[occurrence.state].label}
      </Badge>
    ),
  },
  { header: 'Détail', cell: (occurrence) => occurrence.reasons.map((reason) => reason.message).join(' ') || '—' },
  { header: 'Prix', cell: (occurrence) => (occurrence.state === 'free' ? formatEuros(occurrence.priceCents) : '—') },
];

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
      <ResponsiveTable
        caption="Séances de la série"
        captionHidden
        rows={preview.occurrences}
        rowKey={(occurrence) => occurrence.startsAt}
        columns={OCCURRENCE_COLUMNS}
      />
    </>
  );
}
