import type { OpeningRuleView, RenterCategory, SpaceDetailsView, TariffView } from '@salle/contracts';
import { listInFrench, OPENING_PERIOD_LABELS, RENTER_CATEGORY_LABELS, weekdayLabel } from '../lib/labels';
import { formatEuros } from '../lib/money';
import { formatDate, formatDuration, formatTimeRange } from '../lib/paris-time';
import { ResponsiveTable, type TableColumn } from '../ui';

const TARIFF_COLUMNS: TableColumn<TariffView>[] = [
  {
    header: 'Vous êtes',
    cell: (tariff) => RENTER_CATEGORY_LABELS[tariff.category as RenterCategory] ?? tariff.category,
  },
  { header: 'À l’heure', cell: (tariff) => (tariff.hourlyCents === 0 ? 'Gratuit' : formatEuros(tariff.hourlyCents)) },
  { header: 'Demi-journée', cell: (tariff) => (tariff.halfDayCents === null ? '—' : formatEuros(tariff.halfDayCents)) },
  { header: 'Journée', cell: (tariff) => (tariff.dayCents === null ? '—' : formatEuros(tariff.dayCents)) },
  { header: 'Caution', cell: (tariff) => (tariff.depositCents === 0 ? 'Aucune' : formatEuros(tariff.depositCents)) },
];

export function TariffTable({ tariffs }: { tariffs: readonly TariffView[] }) {
  if (tariffs.length === 0) return <p>Aucun tarif n’est publié pour cet espace.</p>;
  return (
    <ResponsiveTable
      className="salle-table--no-caption"
      caption="Tarifs selon le type d’organisation"
      rows={tariffs}
      rowKey={(tariff) => tariff.category}
      columns={TARIFF_COLUMNS}
    />
  );
}

export function describeOpeningRule(rule: OpeningRuleView): string {
  const days = listInFrench(rule.weekdays.map(weekdayLabel));
  const validity = [
    rule.validFrom ? `à partir du ${formatDate(rule.validFrom)}` : '',
    rule.validUntil ? `jusqu’au ${formatDate(rule.validUntil)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `${days.charAt(0).toUpperCase()}${days.slice(1)}, ${formatTimeRange(rule.startTime, rule.endTime === '00:00' ? '24:00' : rule.endTime)}, ${OPENING_PERIOD_LABELS[rule.period] ?? rule.period}${validity ? ` (${validity})` : ''}`;
}

export function OpeningRulesList({ rules }: { rules: readonly OpeningRuleView[] }) {
  if (rules.length === 0) return <p>Les horaires d’ouverture ne sont pas encore publiés.</p>;
  return (
    <ul>
      {rules.map((rule, index) => (
        <li key={index}>{describeOpeningRule(rule)}</li>
      ))}
    </ul>
  );
}

export function SpaceConditions({ space }: { space: SpaceDetailsView }) {
  return (
    <ul>
      <li>
        Durée d’une réservation&nbsp;: de {formatDuration(space.minDurationMinutes)} à{' '}
        {formatDuration(space.maxDurationMinutes)}.
      </li>
      <li>
        Demande à faire au moins{' '}
        {space.minNoticeHours >= 48 && space.minNoticeHours % 24 === 0
          ? `${space.minNoticeHours / 24} jours`
          : `${space.minNoticeHours} heures`}{' '}
        à l’avance, et au plus {space.maxHorizonDays} jours à l’avance.
      </li>
      <li>
        {space.approvalRequired
          ? 'Chaque demande est examinée par le collège avant d’être acceptée.'
          : 'Les demandes sont acceptées automatiquement si le créneau est libre.'}
      </li>
      {space.bufferMinutes > 0 && (
        <li>
          {formatDuration(space.bufferMinutes)} sont réservées entre deux occupations pour le rangement et le nettoyage.
        </li>
      )}
      <li>
        Ouvert à&nbsp;:{' '}
        {listInFrench(space.allowedCategories.map((category) => RENTER_CATEGORY_LABELS[category].toLowerCase()))}.
      </li>
      {space.closedOnPublicHolidays && <li>Fermé les jours fériés.</li>}
    </ul>
  );
}
