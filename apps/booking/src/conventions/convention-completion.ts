import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Logger } from '@salle/runtime';
import { recordChange, type DeferredEvent, type JournalActor } from '../bookings/booking-journal';
import { SYSTEM, type BookingLifecycle } from '../bookings/booking-lifecycle';
import { BookingEntity } from '../database/entities';
import { conventionLink, SIGNED_CONVENTION_LINK_LIFETIME_MS } from '../documents/convention-links';
import { sessionDueDates } from '../domain/series-payment';
import { writeSeriesEvents } from '../series/series-events';
import { conventionParties } from './convention-events';
import type { ConventionRecord } from './convention-signatures';

/** What completed a convention: its signed document (the sealed PDF, or the scan of the paper) and the audit's note. */
export interface Completion {
  /** The signed document's key in the object store and its SHA-256: the e-mailed link opens it. */
  signed: { key: string; sha256: string };
  /** Who the audit names: the platform after the last online signature, the recorder of a paper signature. */
  journal: JournalActor;
  reason: string;
  now: Date;
  requestId?: string;
}

/**
 * What follows a convention's completion, however it was signed (the last online signature, or a record of the paper
 * signed at the collège): `convention.completed` in the booking's audit and outbox, with a signed link to the signed
 * document for the organisation, then the bookings that waited for it move on through the lifecycle. In the
 * caller's transaction, the convention's row already marked complete.
 */
export class ConventionCompletion {
  constructor(
    private readonly lifecycle: BookingLifecycle,
    /** The secret of signed download links (STORAGE_LINK_SECRET): the signed document's link goes out by e-mail. */
    private readonly linkSecret: string,
    private readonly logger: Logger,
  ) {}

  async complete(
    manager: EntityManager,
    booking: BookingEntity,
    convention: Pick<ConventionRecord, 'id' | 'kind'>,
    completion: Completion,
  ): Promise<void> {
    const { signed, now, requestId } = completion;
    // The organisation is e-mailed a link to the signed document that opens without logging in, for a while.
    const link = conventionLink(
      booking.id,
      signed.key,
      new Date(now.getTime() + SIGNED_CONVENTION_LINK_LIFETIME_MS),
      this.linkSecret,
    );
    const signedDownload = { path: link.path, expiresAt: link.expiresAt.toISOString() };
    await recordChange(manager, booking, {
      from: booking.status,
      actor: completion.journal,
      reason: completion.reason,
      event: {
        type: 'convention.completed',
        payload: { ...conventionParties(booking, convention.id), sealedSha256: signed.sha256, signedDownload },
        requestId,
      },
    });
    await this.moveOn(manager, booking, convention, now, requestId);
  }

  /**
   * The bookings that waited for the signatures move on as the lifecycle allows (its gate wants an annex and its
   * framework both complete): every one of a series, or for a framework, those of each of its complete annexes.
   */
  private async moveOn(
    manager: EntityManager,
    booking: BookingEntity,
    convention: Pick<ConventionRecord, 'id' | 'kind'>,
    now: Date,
    requestId?: string,
  ): Promise<void> {
    const waiting =
      convention.kind === 'framework'
        ? await this.waitingOnFramework(manager, convention.id)
        : booking.seriesId
          ? await manager.find(BookingEntity, {
              where: { seriesId: booking.seriesId, status: In(['approved', 'awaiting_payment']) },
              order: { startsAt: 'ASC' },
              lock: { mode: 'pessimistic_write' },
            })
          : [booking];
    // A series' sessions still to pay are due with their payment period, scheduled from the last signature:
    // the organisation could not pay before it, so the first period gets the usual delay from now. A framework
    // can release sessions of several series at once: each series is scheduled on its own.
    const dueAtOf = new Map<string, Date>();
    const toPay = waiting.filter((each) => each.seriesId && each.priceCents > 0 && each.status === 'approved');
    for (const seriesId of new Set(toPay.map((each) => each.seriesId))) {
      const ofSeries = toPay.filter((each) => each.seriesId === seriesId);
      for (const [id, dueAt] of sessionDueDates(ofSeries, now, this.lifecycle.seriesPaymentRule()))
        dueAtOf.set(id, dueAt);
    }
    // A series' sessions move on together: their events are written together, the organisation told once.
    const deferred = new Map<string, DeferredEvent[]>();
    for (const each of waiting) {
      if (!(await this.lifecycle.allows(manager, each, 'convention_signed', now))) continue;
      const paymentDueAt = dueAtOf.get(each.id);
      let deferredEvents: DeferredEvent[] | undefined;
      if (each.seriesId) {
        deferredEvents = deferred.get(each.seriesId) ?? [];
        deferred.set(each.seriesId, deferredEvents);
      }
      await this.lifecycle.apply(manager, each, 'convention_signed', {
        ...SYSTEM,
        now,
        requestId,
        paymentDueAt,
        deferredEvents,
      });
    }
    for (const [seriesId, events] of deferred) await writeSeriesEvents(manager, seriesId, events, waiting);
    this.logger.info({ bookingId: booking.id, moved: waiting.length }, 'convention fully signed');
  }

  /** The bookings waiting at approval whose annex to this framework is fully signed, locked in id order. */
  private async waitingOnFramework(manager: EntityManager, frameworkId: string): Promise<BookingEntity[]> {
    const rows = (await manager.query(
      `SELECT b.id FROM booking.booking b JOIN booking.convention a
           ON a.booking_id = b.id OR (a.series_id IS NOT NULL AND a.series_id = b.series_id)
        WHERE a.framework_id = $1 AND a.completed_at IS NOT NULL AND b.status IN ('approved', 'awaiting_payment')
        ORDER BY b.id`,
      [frameworkId],
    )) as { id: string }[];
    if (rows.length === 0) return [];
    return manager.find(BookingEntity, {
      where: { id: In(rows.map((row) => row.id)) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }
}
