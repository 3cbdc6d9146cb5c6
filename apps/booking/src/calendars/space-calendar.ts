import type { BookingStatus, CalendarSegment, CalendarView } from '@salle/contracts';
import type { DataSource } from 'typeorm';
import type { Access } from '../access/access';
import { calendarOf } from '../availability/school-calendar';
import { loadSpaceRules, offerableForSpace, rulesValidOn, toOpeningRules } from '../availability/space-rules';
import type { SpaceCatalogue } from '../catalogue/space-catalogue';
import { EstablishmentEntity } from '../database/entities';
import { freeIntervals, planDay, resolveOpeningRules } from '../domain/availability';
import {
  eachDate,
  END_OF_DAY,
  intersectIntervals,
  localDateOf,
  localInstant,
  START_OF_DAY,
  subtractIntervals,
  type LocalDate,
  type TimeInterval,
} from '../domain/time';

const iso = (interval: TimeInterval) => ({
  startsAt: interval.start.toISOString(),
  endsAt: interval.end.toISOString(),
});

/**
 * A space's week or month: when it is free, booked, closed, or kept for
 * school. Visitors see that a slot is booked, not by whom; managers of the
 * collège (and admins) see every renter; organisation members see their own.
 */
export class SpaceCalendar {
  constructor(
    private readonly dataSource: DataSource,
    private readonly spaces: SpaceCatalogue,
  ) {}

  async forRange(spaceId: string, fromDate: LocalDate, toDate: LocalDate, access: Access): Promise<CalendarView> {
    const space = await this.spaces.findVisible(spaceId, access);
    const establishment = await this.dataSource.manager.findOneByOrFail(EstablishmentEntity, {
      id: space.establishmentId,
    });
    const from = localInstant(fromDate, START_OF_DAY);
    const to = localInstant(toDate, END_OF_DAY);
    const calendar = calendarOf(establishment);
    const { rules, closures } = await loadSpaceRules(this.dataSource.manager, space, from, to);
    const bookings: {
      id: string;
      status: BookingStatus;
      organisation_id: string;
      organisation_name: string;
      series_id: string | null;
      starts_at: Date;
      ends_at: Date;
    }[] = await this.dataSource.query(
      `SELECT b.id, b.status, b.organisation_id, o.name AS organisation_name, b.series_id, b.starts_at, b.ends_at
           FROM booking.booking b JOIN booking.organisation o ON o.id = b.organisation_id
          WHERE b.space_id = $1 AND b.status IN ('requested', 'approved', 'awaiting_payment', 'confirmed', 'completed')
            AND b.starts_at < $3 AND b.ends_at > $2
          ORDER BY b.starts_at`,
      [space.id, from, to],
    );
    const busy = bookings.map((b) => ({ start: b.starts_at, end: b.ends_at }));
    const offerable = offerableForSpace(space, rules, closures, calendar, from, to);
    const free = freeIntervals(offerable, busy, space.bufferMinutes);
    const schoolTime = [...eachDate(fromDate, toDate)].flatMap(
      (date) =>
        planDay(resolveOpeningRules(toOpeningRules(space, rulesValidOn(rules, date), closures)), calendar, date)
          .schoolTime,
    );
    const seesEveryone = access.managesEstablishment(space.establishmentId);

    const segments: CalendarSegment[] = [
      ...free.map((interval) => ({ kind: 'free' as const, ...iso(interval) })),
      ...subtractIntervals(
        schoolTime,
        closures.map((c) => ({ start: c.startsAt, end: c.endsAt })),
      ).map((interval) => ({
        kind: 'school_time' as const,
        ...iso(interval),
      })),
      ...closures.flatMap((closure) =>
        intersectIntervals([{ start: closure.startsAt, end: closure.endsAt }], [{ start: from, end: to }]).map(
          (interval) => ({
            kind: 'closed' as const,
            ...iso(interval),
            reason: closure.reason,
          }),
        ),
      ),
      ...bookings.map((booking) => {
        const mine = access.actsFor(booking.organisation_id);
        return {
          kind: 'booked' as const,
          startsAt: booking.starts_at.toISOString(),
          endsAt: booking.ends_at.toISOString(),
          ...(seesEveryone || mine
            ? {
                booking: {
                  id: booking.id,
                  status: booking.status,
                  organisationName: booking.organisation_name,
                  mine,
                  seriesId: booking.series_id,
                },
              }
            : {}),
        };
      }),
    ].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.kind.localeCompare(b.kind));
    return {
      spaceId: space.id,
      from: fromDate,
      to: toDate,
      timeZone: 'Europe/Paris',
      today: localDateOf(new Date()),
      segments,
    };
  }
}
