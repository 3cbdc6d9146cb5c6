import type { DataSource, EntityManager } from 'typeorm';
import { SLOT_HOLDING_STATUSES, type BookingView, type ClosureCreatedView, type CreateClosure } from '@salle/contracts';
import { retryTransientConflicts } from '@salle/db';
import type { Access } from '../access/access';
import { actorFor } from '../bookings/booking-actor';
import type { BookingLifecycle } from '../bookings/booking-lifecycle';
import type { DeferredEvent } from '../bookings/booking-journal';
import { loadBookingLabels, toBookingView } from '../bookings/booking-view';
import { lockSpaceSlots } from '../bookings/space-lock';
import { toClosureView } from '../catalogue/space-catalogue';
import type { EstablishmentCatalogue } from '../catalogue/establishment-catalogue';
import { BookingEntity, ClosureEntity, SpaceEntity } from '../database/entities';
import { closureAffectsBookings, spaceNotFound } from '../errors';
import { recordBookingAudit, staffActor } from '../audit/audit-journal';
import { writeSeriesEvents } from '../series/series-events';

type ClosurePeriod = Pick<CreateClosure, 'spaceId' | 'startsAt' | 'endsAt'>;

/**
 * Closures over existing bookings: the live bookings a closure would hit are
 * listed first; the closure is added only once the collège confirms, and then
 * in the same transaction each of them is cancelled by the collège (fully
 * refunded, through the lifecycle's `booking.cancelled`) or, still a request,
 * refused, with the closure's reason.
 */
export class ClosureDesk {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: BookingLifecycle,
    private readonly establishments: EstablishmentCatalogue,
  ) {}

  async preview(establishmentId: string, input: ClosurePeriod, access: Access): Promise<{ items: BookingView[] }> {
    const manager = this.dataSource.manager;
    await this.spacesConcerned(manager, establishmentId, input, access);
    return { items: await viewsOf(manager, await affectedBookings(manager, establishmentId, input, new Date())) };
  }

  async add(establishmentId: string, input: CreateClosure, access: Access, requestId?: string) {
    return retryTransientConflicts(() =>
      this.dataSource.transaction(async (manager): Promise<ClosureCreatedView> => {
        // No request may take a slot of these spaces while the closure is decided.
        for (const spaceId of await this.spacesConcerned(manager, establishmentId, input, access)) {
          await lockSpaceSlots(manager, spaceId);
        }
        const now = new Date();
        const bookings = await affectedBookings(manager, establishmentId, input, now, true);
        if (bookings.length > 0 && !input.cancelBookings) {
          throw closureAffectsBookings(await viewsOf(manager, bookings));
        }
        const closure = await manager.save(
          manager.create(ClosureEntity, {
            establishmentId,
            spaceId: input.spaceId ?? null,
            startsAt: new Date(input.startsAt),
            endsAt: new Date(input.endsAt),
            reason: input.reason,
          }),
        );
        await recordBookingAudit(manager, {
          actor: staffActor(access),
          action: 'closure.created',
          object: { type: 'closure', id: closure.id },
          establishmentId,
          changes: {
            spaceId: { before: null, after: closure.spaceId },
            startsAt: { before: null, after: closure.startsAt.toISOString() },
            endsAt: { before: null, after: closure.endsAt.toISOString() },
            cancelledBookings: { before: null, after: bookings.length },
          },
        });
        const reason = `Fermeture\u00a0: ${input.reason}`;
        // A series' sessions the closure hits are told as one (the lead event lists them), once all are decided.
        const bySeries = new Map<string, DeferredEvent[]>();
        for (const booking of bookings) {
          const { actor, journal } = actorFor(booking, access);
          const action = booking.status === 'requested' ? 'refuse' : 'cancel';
          const deferredEvents = booking.seriesId ? eventsOf(bySeries, booking.seriesId) : undefined;
          await this.lifecycle.apply(manager, booking, action, {
            actor,
            journal,
            now,
            requestId,
            reason,
            deferredEvents,
          });
        }
        for (const [seriesId, events] of bySeries) await writeSeriesEvents(manager, seriesId, events, bookings);
        return { ...toClosureView(closure), cancelledBookingIds: bookings.map((booking) => booking.id) };
      }),
    );
  }

  /** The spaces the closure covers (one, or every space of the collège), in a stable order; the caller must manage it. */
  private async spacesConcerned(
    manager: EntityManager,
    establishmentId: string,
    input: ClosurePeriod,
    access: Access,
  ): Promise<string[]> {
    access.requireManagerOf(establishmentId);
    await this.establishments.findVisible(establishmentId, access);
    const spaces = await manager.find(SpaceEntity, {
      where: input.spaceId ? { id: input.spaceId, establishmentId } : { establishmentId },
      order: { id: 'ASC' },
    });
    if (input.spaceId && spaces.length === 0) throw spaceNotFound();
    return spaces.map((space) => space.id);
  }
}

/** The events held back for `seriesId`'s sessions. */
function eventsOf(bySeries: Map<string, DeferredEvent[]>, seriesId: string): DeferredEvent[] {
  const events = bySeries.get(seriesId) ?? [];
  bySeries.set(seriesId, events);
  return events;
}

/** Live bookings (holding their slot, not over yet) that the closure's period overlaps, in time order. */
function affectedBookings(
  manager: EntityManager,
  establishmentId: string,
  input: ClosurePeriod,
  now: Date,
  lock = false,
): Promise<BookingEntity[]> {
  const query = manager
    .createQueryBuilder(BookingEntity, 'b')
    .where('b.establishmentId = :establishmentId', { establishmentId })
    .andWhere('b.status IN (:...statuses)', { statuses: [...SLOT_HOLDING_STATUSES] })
    .andWhere('b.startsAt < :endsAt AND b.endsAt > :startsAt', {
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
    })
    .andWhere('b.endsAt > :now', { now })
    .orderBy('b.startsAt', 'ASC')
    .addOrderBy('b.id', 'ASC');
  if (input.spaceId) query.andWhere('b.spaceId = :spaceId', { spaceId: input.spaceId });
  if (lock) query.setLock('pessimistic_write');
  return query.getMany();
}

async function viewsOf(manager: EntityManager, bookings: BookingEntity[]): Promise<BookingView[]> {
  const labels = await loadBookingLabels(manager, bookings);
  return bookings.map((booking) => toBookingView(booking, labels(booking)));
}
