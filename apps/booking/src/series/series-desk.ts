import type { DataSource, EntityManager } from 'typeorm';
import type {
  BookingStatus,
  CreateSeries,
  PreviewSeries,
  SeriesAction,
  SeriesCreatedView,
  SeriesDecisionOccurrence,
  SeriesDecisionView,
  SeriesPreviewView,
  SeriesSubmissionOccurrence,
  SeriesView,
} from '@salle/contracts';
import { isExclusionViolation, retryTransientConflicts } from '@salle/db';
import { AppError } from '@salle/http';
import type { Access } from '../access/access';
import { actorFor } from '../bookings/booking-actor';
import type { BookingLifecycle, JournalActor } from '../bookings/booking-lifecycle';
import { checkOrganisationMayBook } from '../bookings/booking-parties';
import { labelsOf, loadBookingLabels } from '../bookings/booking-view';
import { lockSpaceSlots } from '../bookings/space-lock';
import { BookingEntity, SeriesEntity } from '../database/entities';
import { CANCELLABLE_STATUSES } from '../domain/lifecycle';
import { formatFrenchDate, PARIS_TIME_ZONE } from '../domain/time';
import { seriesNotBookable, seriesNotFound } from '../errors';
import { assessSeries, loadSeriesParties, type AssessedOccurrence, type SeriesParties } from './series-planner';
import { expandSeriesRule } from './series-rule';
import { toOccurrencePreview, toPreviewView, toSeriesView, type StoredSeriesOptions } from './series-view';

/** The statuses each whole-series action concerns; occurrences in other statuses are left as they are. */
const CONCERNED: Record<SeriesAction, ReadonlySet<BookingStatus>> = {
  approve: new Set(['requested']),
  refuse: new Set(['requested']),
  cancel: new Set(CANCELLABLE_STATUSES),
};

/**
 * Refusals that are about the request rather than one occurrence (the
 * caller may not do this at all, a reason is missing): the whole decision
 * fails, as it would for a single booking.
 */
const REQUEST_LEVEL_CODES = new Set(['forbidden', 'reason_required']);

/**
 * Weekly series: preview, submission of one booking per free occurrence,
 * and decisions on every occurrence at once. Each booking goes through the
 * same rules, journal and lifecycle as a one-off request.
 */
export class SeriesDesk {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: BookingLifecycle,
  ) {}

  async preview(input: PreviewSeries, access: Access): Promise<SeriesPreviewView> {
    access.requireMemberOf(input.organisationId);
    const series = expandSeriesRule(input);
    const manager = this.dataSource.manager;
    const parties = await loadSeriesParties(manager, input.spaceId, input.organisationId);
    return toPreviewView(parties, await assessSeries(manager, parties, series, input.options, new Date()));
  }

  async create(input: CreateSeries, access: Access, requestId?: string): Promise<SeriesCreatedView> {
    const caller = access.requireMemberOf(input.organisationId);
    const series = expandSeriesRule(input);
    const now = new Date();
    return retryTransientConflicts(() =>
      this.dataSource.transaction(async (manager) => {
        await lockSpaceSlots(manager, input.spaceId);
        const parties = await loadSeriesParties(manager, input.spaceId, input.organisationId);
        const assessed = await assessSeries(manager, parties, series, input.options, now);
        const free = assessed.filter((occurrence) => occurrence.state === 'free');
        const lastFree = free[free.length - 1];
        if (!lastFree) throw seriesNotBookable(assessed.map(notCreated));
        checkOrganisationMayBook(parties.organisation, lastFree.end);

        const stored: StoredSeriesOptions = {
          ...input.options,
          firstDate: series.spec.firstDate,
          timeZone: PARIS_TIME_ZONE,
        };
        const inserted = await manager.save(
          manager.create(SeriesEntity, {
            spaceId: parties.space.id,
            organisationId: parties.organisation.id,
            rrule: series.rrule,
            localStartTime: input.startTime,
            durationMinutes: input.durationMinutes,
            options: { ...stored },
            requestedBy: caller.accountId,
          }),
        );
        const journal: JournalActor = { accountId: caller.accountId, role: 'organisation_member' };
        const outcomes: SeriesSubmissionOccurrence[] = [];
        const bookings: BookingEntity[] = [];
        for (const occurrence of assessed) {
          if (occurrence.state !== 'free') {
            outcomes.push(notCreated(occurrence));
            continue;
          }
          const booking = await this.insertOccurrence(
            manager,
            parties,
            inserted.id,
            occurrence,
            input,
            caller.accountId,
            now,
          );
          if (!booking) {
            outcomes.push({
              ...submissionOf(occurrence),
              state: 'conflict',
              reasons: [
                {
                  code: 'slot_taken',
                  message: `Le créneau du ${formatFrenchDate(occurrence.date)} vient d’être réservé par ailleurs.`,
                },
              ],
            });
            continue;
          }
          await this.lifecycle.recordRequest(manager, booking, journal, requestId);
          await this.lifecycle.approveUnlessApprovalRequired(manager, booking, parties.space, now, requestId);
          bookings.push(booking);
          outcomes.push({
            ...submissionOf(occurrence),
            state: 'created',
            bookingId: booking.id,
            status: booking.status,
          });
        }
        // Every free occurrence was taken in the meantime: nothing to keep.
        if (bookings.length === 0) throw seriesNotBookable(outcomes);

        const saved = await manager.findOneByOrFail(SeriesEntity, { id: inserted.id });
        const count = (state: SeriesSubmissionOccurrence['state']) =>
          outcomes.filter((outcome) => outcome.state === state).length;
        const labels = labelsOf(parties);
        return {
          series: toSeriesView(saved, parties.establishment.id, bookings, () => labels),
          occurrences: outcomes,
          summary: {
            total: outcomes.length,
            created: count('created'),
            conflict: count('conflict'),
            closed: count('closed'),
            skipped: count('skipped'),
            totalPriceCents: bookings.reduce((sum, booking) => sum + booking.priceCents, 0),
          },
        };
      }),
    );
  }

  /**
   * Inserts one occurrence inside a savepoint, so that a slot taken by a
   * concurrent request since the preview (the exclusion constraint says so)
   * costs only that occurrence, not the whole transaction. Null when taken.
   */
  private async insertOccurrence(
    manager: EntityManager,
    parties: SeriesParties,
    seriesId: string,
    occurrence: AssessedOccurrence,
    input: CreateSeries,
    requestedBy: string,
    now: Date,
  ): Promise<BookingEntity | null> {
    const booking = this.lifecycle.draftRequest(manager, {
      space: parties.space,
      organisation: parties.organisation,
      startsAt: occurrence.start,
      endsAt: occurrence.end,
      price: occurrence.price,
      seriesId,
      purpose: input.purpose,
      attendees: input.attendees ?? null,
      requestedBy,
      now,
    });
    await manager.query('SAVEPOINT series_occurrence');
    try {
      await manager.save(booking);
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT series_occurrence');
      if (isExclusionViolation(error)) return null;
      throw error;
    }
    await manager.query('RELEASE SAVEPOINT series_occurrence');
    return booking;
  }

  async get(seriesId: string, access: Access): Promise<SeriesView> {
    access.requireCaller();
    const manager = this.dataSource.manager;
    const series = await manager.findOneBy(SeriesEntity, { id: seriesId });
    const bookings = series
      ? await manager.find(BookingEntity, { where: { seriesId }, order: { startsAt: 'ASC' } })
      : [];
    const first = bookings[0];
    if (!series || !first) throw seriesNotFound();
    this.actorOrNotFound(first, access);
    return toSeriesView(series, first.establishmentId, bookings, await loadBookingLabels(manager, bookings));
  }

  /**
   * Applies one decision to every occurrence it concerns, in one
   * transaction, through the same lifecycle step as a single booking. An
   * occurrence the lifecycle refuses (already started, wrong status for
   * this actor...) is reported and the others go ahead.
   */
  async decide(
    seriesId: string,
    action: SeriesAction,
    access: Access,
    options: { reason?: string; message?: string; requestId?: string } = {},
  ): Promise<SeriesDecisionView> {
    access.requireCaller();
    return this.dataSource.transaction(async (manager) => {
      const series = await manager.findOneBy(SeriesEntity, { id: seriesId });
      // Locked in time order, the same order for every whole-series decision.
      const bookings = series
        ? await manager.find(BookingEntity, {
            where: { seriesId },
            order: { startsAt: 'ASC', id: 'ASC' },
            lock: { mode: 'pessimistic_write' },
          })
        : [];
      const first = bookings[0];
      if (!series || !first) throw seriesNotFound();
      const { actor, journal } = this.actorOrNotFound(first, access);
      const now = new Date();
      const occurrences: SeriesDecisionOccurrence[] = [];
      for (const booking of bookings) {
        const fromStatus: BookingStatus = booking.status;
        const base = { bookingId: booking.id, startsAt: booking.startsAt.toISOString(), fromStatus };
        if (!CONCERNED[action].has(booking.status)) {
          occurrences.push({ ...base, outcome: 'unchanged', status: booking.status, code: null, message: null });
          continue;
        }
        try {
          // Only saved (by the lifecycle) when the transition is allowed.
          if (action === 'approve') booking.decisionMessage = options.message ?? null;
          await this.lifecycle.apply(manager, booking, action, {
            actor,
            journal,
            now,
            requestId: options.requestId,
            reason: options.reason,
          });
          occurrences.push({ ...base, outcome: 'applied', status: booking.status, code: null, message: null });
        } catch (error) {
          if (!(error instanceof AppError) || REQUEST_LEVEL_CODES.has(error.code)) throw error;
          occurrences.push({
            ...base,
            outcome: 'refused',
            status: booking.status,
            code: error.code,
            message: error.detail ?? error.title,
          });
        }
      }
      const count = (outcome: SeriesDecisionOccurrence['outcome']) =>
        occurrences.filter((o) => o.outcome === outcome).length;
      return {
        seriesId,
        action,
        occurrences,
        summary: { applied: count('applied'), unchanged: count('unchanged'), refused: count('refused') },
      };
    });
  }

  private actorOrNotFound(booking: BookingEntity, access: Access) {
    try {
      return actorFor(booking, access);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw seriesNotFound();
      throw error;
    }
  }
}

function submissionOf(occurrence: AssessedOccurrence): SeriesSubmissionOccurrence {
  return { ...toOccurrencePreview(occurrence), state: 'created', bookingId: null, status: null };
}

/** An occurrence left out at submission, for the reason the preview gave. */
function notCreated(occurrence: AssessedOccurrence): SeriesSubmissionOccurrence {
  // A free occurrence is only "not created" when something took it, i.e. a conflict.
  return { ...submissionOf(occurrence), state: occurrence.state === 'free' ? 'conflict' : occurrence.state };
}
