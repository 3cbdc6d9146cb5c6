import type { DataSource } from 'typeorm';
import type { StatisticsHeatmap, StatisticsQuery } from '@salle/contracts';
import { writeCsv } from '@salle/csv';
import type { Access } from '../access/access';
import { addDays, localInstant, parseLocalDate, START_OF_DAY } from '../domain/time';
import type { CsvFile } from '../imports/csv-download';
import { COUNTED_STATUSES, statisticsScope } from './statistics-report';

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/**
 * Booked time per Paris weekday and hour: each counted booking (as in the
 * statistics: confirmed or completed, started within the period) adds, to
 * every hour it covers, the minutes it covers there. PostgreSQL splits the
 * bookings into hours (`generate_series`) in Paris wall-clock time.
 */
export async function bookedHoursHeatmap(
  dataSource: DataSource,
  query: StatisticsQuery,
  access: Access,
): Promise<StatisticsHeatmap> {
  const scope = statisticsScope(query, access);
  const from = localInstant(parseLocalDate(query.from, 'from'), START_OF_DAY);
  const to = localInstant(addDays(parseLocalDate(query.to, 'to'), 1), START_OF_DAY);
  const cells = (await dataSource.query(
    `WITH counted AS (
       SELECT b.starts_at AT TIME ZONE 'Europe/Paris' AS s, b.ends_at AT TIME ZONE 'Europe/Paris' AS e
         FROM booking.booking b
        WHERE b.status = ANY($1) AND b.starts_at >= $2 AND b.starts_at < $3
          AND ($4::uuid[] IS NULL OR b.establishment_id = ANY($4)))
     SELECT extract(isodow FROM h)::int AS weekday, extract(hour FROM h)::int AS hour,
            round(sum(extract(epoch FROM least(e, h + interval '1 hour') - greatest(s, h))) / 60)::int AS "bookedMinutes"
       FROM counted, generate_series(date_trunc('hour', s), e - interval '1 microsecond', interval '1 hour') AS h
      GROUP BY 1, 2
      ORDER BY 1, 2`,
    [COUNTED_STATUSES, from, to, scope],
  )) as StatisticsHeatmap['cells'];
  return { from: query.from, to: query.to, cells };
}

/** One line per weekday, one column per hour, booked hours with a decimal comma: the heatmap for a spreadsheet. */
export async function bookedHoursHeatmapCsv(
  dataSource: DataSource,
  query: StatisticsQuery,
  access: Access,
): Promise<CsvFile> {
  const { cells } = await bookedHoursHeatmap(dataSource, query, access);
  const minutes = new Map(cells.map((cell) => [`${cell.weekday}|${cell.hour}`, cell.bookedMinutes]));
  const hours = Array.from({ length: 24 }, (_, hour) => hour);
  const rows = WEEKDAYS.map((day, index) => [
    day,
    ...hours.map((hour) => ((minutes.get(`${index + 1}|${hour}`) ?? 0) / 60).toFixed(2).replace('.', ',')),
  ]);
  return {
    filename: `heures-reservees-par-jour-et-heure-${query.from}-${query.to}.csv`,
    content: writeCsv(['jour', ...hours.map((hour) => `${String(hour).padStart(2, '0')}h`)], rows),
  };
}
