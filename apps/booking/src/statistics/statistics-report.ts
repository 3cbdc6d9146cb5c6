import type { DataSource } from 'typeorm';
import type {
  EstablishmentStatistics,
  MonthStatistics,
  SchoolZone,
  StatisticsFigures,
  StatisticsQuery,
  StatisticsView,
} from '@salle/contracts';
import { writeCsv } from '@salle/csv';
import { forbidden } from '@salle/http';
import type { Access } from '../access/access';
import { addDays, localInstant, parseLocalDate, START_OF_DAY, type LocalDate } from '../domain/time';
import { establishmentNotFound } from '../errors';
import type { CsvFile } from '../imports/csv-download';
import { offeredMinutes } from './offered-time';

/** Statuses whose bookings count: the slot was sold and kept. */
export const COUNTED_STATUSES = ['confirmed', 'completed'] as const;

interface EstablishmentRow {
  id: string;
  uai: string;
  name: string;
  communeName: string;
  schoolZone: SchoolZone;
  communeInsee: string;
  status: string;
}

interface BookingFigureRow {
  establishmentId: string;
  month: string;
  bookings: number;
  bookedMinutes: string;
  revenueCents: string;
}

interface Counts {
  bookings: number;
  bookedMinutes: number;
  revenueCents: number;
  offeredMinutes: number;
}

const zero = (): Counts => ({ bookings: 0, bookedMinutes: 0, revenueCents: 0, offeredMinutes: 0 });

function add(target: Counts, source: Counts): void {
  target.bookings += source.bookings;
  target.bookedMinutes += source.bookedMinutes;
  target.revenueCents += source.revenueCents;
  target.offeredMinutes += source.offeredMinutes;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function figures(counts: Counts): StatisticsFigures {
  const offered = Math.round(counts.offeredMinutes);
  return {
    bookings: counts.bookings,
    bookedMinutes: counts.bookedMinutes,
    bookedHours: round(counts.bookedMinutes / 60, 2),
    revenueCents: counts.revenueCents,
    offeredMinutes: offered,
    offeredHours: round(offered / 60, 2),
    occupancy: offered > 0 ? round(counts.bookedMinutes / offered, 4) : null,
  };
}

/** A Paris calendar month of the period, clipped to the period. */
export interface MonthSlice {
  /** `YYYY-MM`. */
  month: string;
  start: Date;
  end: Date;
}

/** The Paris months touched by [from, to], each clipped to the period. */
export function monthSlices(from: LocalDate, to: LocalDate): MonthSlice[] {
  const end = localInstant(addDays(to, 1), START_OF_DAY);
  const slices: MonthSlice[] = [];
  let month = from.slice(0, 7);
  let start = localInstant(from, START_OF_DAY);
  while (start < end) {
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    const next = monthNumber === 12 ? `${year + 1}-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}`;
    const nextStart = localInstant(parseLocalDate(`${next}-01`), START_OF_DAY);
    slices.push({ month, start, end: nextStart < end ? nextStart : end });
    month = next;
    start = nextStart;
  }
  return slices;
}

const frenchDecimal = (value: number, digits: number) => value.toFixed(digits).replace('.', ',');

/**
 * Bookings, booked time, revenue and occupancy per collège and per month.
 * Booking figures are aggregated by PostgreSQL (GROUP BY collège and Paris
 * month); offered time comes from the opening rules (see offered-time.ts).
 */
export class StatisticsReport {
  constructor(private readonly dataSource: DataSource) {}

  async compute(query: StatisticsQuery, access: Access): Promise<StatisticsView> {
    const scope = statisticsScope(query, access);
    const establishments = (await this.dataSource.query(
      `SELECT id, uai, name, commune_name AS "communeName", commune_insee AS "communeInsee", school_zone AS "schoolZone", status
       FROM booking.establishment WHERE ($1::uuid[] IS NULL OR id = ANY($1)) ORDER BY name, uai`,
      [scope],
    )) as EstablishmentRow[];
    if (query.establishmentId && establishments.length === 0) {
      throw establishmentNotFound();
    }
    const [firstDay, lastDay] = [parseLocalDate(query.from, 'from'), parseLocalDate(query.to, 'to')];
    const months = monthSlices(firstDay, lastDay);
    const from = (months[0] as MonthSlice).start;
    const to = (months[months.length - 1] as MonthSlice).end;

    const [bookingRows, offered] = await Promise.all([
      this.dataSource.query(
        `SELECT b.establishment_id AS "establishmentId",
                to_char(b.starts_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS month,
                count(*)::int AS bookings,
                round(sum(extract(epoch FROM b.ends_at - b.starts_at)) / 60)::bigint AS "bookedMinutes",
                sum(b.price_cents)::bigint AS "revenueCents"
         FROM booking.booking b
         WHERE b.status = ANY($1) AND b.starts_at >= $2 AND b.starts_at < $3
           AND ($4::uuid[] IS NULL OR b.establishment_id = ANY($4))
         GROUP BY 1, 2`,
        [COUNTED_STATUSES, from, to, scope],
      ) as Promise<BookingFigureRow[]>,
      offeredMinutes(this.dataSource.manager, establishments, firstDay, lastDay),
    ]);

    const cells = new Map<string, Counts>();
    const cell = (establishmentId: string, month: string) => {
      const key = `${establishmentId}|${month}`;
      let counts = cells.get(key);
      if (!counts) {
        counts = zero();
        cells.set(key, counts);
      }
      return counts;
    };
    for (const row of bookingRows) {
      add(cell(row.establishmentId, row.month), {
        bookings: row.bookings,
        bookedMinutes: Number(row.bookedMinutes),
        revenueCents: Number(row.revenueCents),
        offeredMinutes: 0,
      });
    }
    for (const [establishmentId, perMonth] of offered) {
      for (const [month, minutes] of perMonth) cell(establishmentId, month).offeredMinutes += minutes;
    }

    const totals = zero();
    const monthTotals = new Map(months.map((slice) => [slice.month, zero()]));
    const perEstablishment: EstablishmentStatistics[] = establishments.map((establishment) => {
      const sum = zero();
      const perMonth: MonthStatistics[] = months.map((slice) => {
        const counts = cells.get(`${establishment.id}|${slice.month}`) ?? zero();
        add(sum, counts);
        add(monthTotals.get(slice.month) as Counts, counts);
        return { month: slice.month, ...figures(counts) };
      });
      add(totals, sum);
      return {
        establishmentId: establishment.id,
        uai: establishment.uai,
        name: establishment.name,
        communeName: establishment.communeName,
        ...figures(sum),
        months: perMonth,
      };
    });
    return {
      from: query.from,
      to: query.to,
      totals: figures(totals),
      months: months.map((slice) => ({ month: slice.month, ...figures(monthTotals.get(slice.month) as Counts) })),
      establishments: perEstablishment,
    };
  }

  /** One line per collège and month, for spreadsheets: `;`, decimal commas, euros. */
  async exportCsv(query: StatisticsQuery, access: Access): Promise<CsvFile> {
    const view = await this.compute(query, access);
    const rows = view.establishments.flatMap((establishment) =>
      establishment.months.map((month) => [
        establishment.uai,
        establishment.name,
        establishment.communeName,
        month.month,
        String(month.bookings),
        frenchDecimal(month.bookedHours, 2),
        frenchDecimal(month.revenueCents / 100, 2),
        frenchDecimal(month.offeredHours, 2),
        month.occupancy === null ? '' : frenchDecimal(month.occupancy * 100, 1),
      ]),
    );
    return {
      filename: `statistiques-${query.from}-${query.to}.csv`,
      content: writeCsv(
        [
          'uai',
          'etablissement',
          'commune',
          'mois',
          'reservations',
          'heures_reservees',
          'recettes_eur',
          'heures_offertes',
          'taux_occupation_pct',
        ],
        rows,
      ),
    };
  }
}

/** The establishments the caller may see figures for; null means all of them (admins). */
export function statisticsScope(query: StatisticsQuery, access: Access): string[] | null {
  access.requireCaller();
  if (query.establishmentId) {
    access.requireManagerOf(query.establishmentId);
    return [query.establishmentId];
  }
  if (access.isAdmin) return null;
  if (access.establishmentIds.length === 0) {
    throw forbidden('Les statistiques sont réservées aux agents du département et aux gestionnaires de collège.');
  }
  return access.establishmentIds;
}
