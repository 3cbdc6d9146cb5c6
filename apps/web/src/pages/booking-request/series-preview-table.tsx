import type { SeriesOccurrenceState, SeriesPreviewView } from '@salle/contracts';
import type { Ref } from 'react';
import type { BadgeSeverity } from '../../lib/labels';
import { formatEuros } from '../../lib/money';
import { formatDate, formatTimeRange } from '../../lib/paris-time';
import { Badge, Button, ResponsiveTable, type TableColumn } from '../../ui';

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

/**
 * The previewed series under its heading, which takes the focus once the preview is shown (`headingRef`); `level`
 * follows the page's outline (the member's request page has it as a section, the collège's entry form inside one).
 */
export function SeriesPreviewSection({
  preview,
  headingRef,
  level,
}: {
  preview: SeriesPreviewView;
  headingRef: Ref<HTMLHeadingElement>;
  level: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const { free, total } = preview.summary;
  return (
    <section aria-labelledby="apercu-titre" className="salle-my-4w">
      <Heading id="apercu-titre" ref={headingRef} tabIndex={-1} className="salle-h4 salle-focus-target">
        Aperçu de la série&nbsp;: {free} séance{free > 1 ? 's' : ''} libre
        {free > 1 ? 's' : ''} sur {total}
      </Heading>
      <SeriesPreviewTable preview={preview} />
    </section>
  );
}

/**
 * The buttons that end a request form (the member's, or the collège's entry): send a one-off request; for a weekly
 * series, first preview its sessions, then send the free ones or go back to change the series. `verb` is what
 * sending does (« Envoyer », « Enregistrer »).
 */
export function SeriesFormActions({
  mode,
  preview,
  busy,
  verb,
  onEditSeries,
}: {
  mode: 'once' | 'weekly';
  preview: SeriesPreviewView | null;
  busy: boolean;
  verb: { once: string; freeSessions: (count: number) => string };
  onEditSeries: () => void;
}) {
  return (
    <ul className="salle-btns-group salle-btns-group--inline-md salle-mt-3w">
      <li>
        <Button type="submit" disabled={busy}>
          {busy
            ? 'Envoi…'
            : mode === 'once'
              ? verb.once
              : preview
                ? verb.freeSessions(preview.summary.free)
                : 'Voir les séances de la série'}
        </Button>
      </li>
      {mode === 'weekly' && preview && (
        <li>
          <Button type="button" priority="secondary" onClick={onEditSeries}>
            Modifier la série
          </Button>
        </li>
      )}
    </ul>
  );
}
