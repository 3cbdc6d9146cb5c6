import type { DataSource, EntityManager } from 'typeorm';
import type {
  BookingStatus,
  CreateSeries,
  EnterSeries,
  PreviewSeries,
  PublicPayer,
  SeriesAction,
  SeriesCreatedView,
  SeriesDecisionOccurrence,
  SeriesDecisionView,
  SeriesPreviewView,
  SeriesSubmissionOccurrence,
  SeriesView,
} from '@salle/contracts';
import { isExclusionViolation, retryTransientConflicts } from '@salle/db';
import { AppError, invalidFields } from '@salle/http';
import type { Access } from '../access/access';
import { actorFor } from '../bookings/booking-actor';
import type { BookingLifecycle, JournalActor, TransitionOptions } from '../bookings/booking-lifecycle';
import { requestedEvent, type DeferredEvent } from '../bookings/booking-journal';
import { checkOrganisationMayBook } from '../bookings/booking-parties';
import { checkPaymentChoice, staffSubmitter, submittedBy, type StaffEntry } from '../bookings/staff-entry';
import { labelsOf, loadBookingLabels } from '../bookings/booking-view';
import { lockSpaceSlots } from '../bookings/space-lock';
import { BookingEntity, SeriesEntity } from '../database/entities';
import { CANCELLABLE_STATUSES } from '../domain/lifecycle';
import { checkPublicPayer } from '../domain/public-payer';
import { sessionDueDates } from '../domain/series-payment';
import { formatFrenchDate, PARIS_TIME_ZONE } from '../domain/time';
import { seriesNotBookable, seriesNotFound, seriesOccurrenceUnknown, spaceNotFound } from '../errors';
import { assessSeries, loadSeriesParties, type AssessedOccurrence, type SeriesParties } from './series-planner';
import { writeSeriesEvents } from './series-events';
import { expandSeriesRule, type ExpandedSeries } from './series-rule';
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
    return this.assess(input);
  }

  /** The member's preview, for a space of the collège whose staff enter the series. */
  async previewEntered(establishmentId: string, input: PreviewSeries, access: Access): Promise<SeriesPreviewView> {
    access.requireManagerOf(establishmentId);
    return this.assess(input, establishmentId);
  }

  private async assess(input: PreviewSeries, establishmentId?: string): Promise<SeriesPreviewView> {
    const series = expandSeriesRule(input);
    const manager = this.dataSource.manager;
    const parties = await loadSeriesParties(manager, input.spaceId, input.organisationId);
    if (establishmentId && parties.space.establishmentId !== establishmentId) throw spaceNotFound();
    return toPreviewView(parties, await assessSeries(manager, parties, series, input.options, new Date()));
  }

  async create(input: CreateSeries, access: Access, requestId?: string): Promise<SeriesCreatedView> {
    const caller = access.requireMemberOf(input.organisationId);
    const journal: JournalActor = { accountId: caller.accountId, role: 'organisation_member' };
    return this.submit(input, { requestedBy: caller.accountId, journal, requestId });
  }

  /**
   * A series a collège's manager (or an admin) enters for an organisation that phoned or came in: the member's
   * checks, at a space of `establishmentId`, each session recorded as entered by the staff member on the
   * organisation's behalf, with the payment choice; every created session approved at once when `input.approve`.
   */
  async enter(
    establishmentId: string,
    input: EnterSeries,
    access: Access,
    requestId?: string,
  ): Promise<SeriesCreatedView> {
    return this.submit(input, staffSubmitter(establishmentId, input, access, requestId));
  }

  private async submit(input: CreateSeries, who: Submitter): Promise<SeriesCreatedView> {
    const { requestedBy, requestId, staff } = who;
    const series = expandSeriesRule(input);
    const now = new Date();
    return retryTransientConflicts(() =>
      this.dataSource.transaction(async (manager) => {
        await lockSpaceSlots(manager, input.spaceId);
        const parties = await loadSeriesParties(manager, input.spaceId, input.organisationId);
        if (staff && parties.space.establishmentId !== staff.establishmentId) throw spaceNotFound();
        const assessed = await assessSeries(manager, parties, series, input.options, now);
        const free = assessed.filter((occurrence) => occurrence.state === 'free');
        const lastFree = free[free.length - 1];
        if (!lastFree) throw seriesNotBookable(assessed.map(notCreated));
        checkOrganisationMayBook(parties.organisation, lastFree.end, submittedBy(staff));
        const totalCents = free.reduce((sum, occurrence) => sum + occurrence.price.totalCents, 0);
        // A public payer's paid series is invoiced (one invoice per payment period): it names who pays, as a
        // one-off request does.
        const payer = checkPublicPayer(parties.organisation.kind, totalCents, input.publicPayer);
        if (!payer.ok) invalidFields(payer.errors);
        if (staff) checkPaymentChoice(staff.paymentChoice, payer.payer, totalCents);

        const seriesId = await insertSeries(manager, parties, series, input, requestedBy);
        // Sessions approved at once (no approval required, or by the staff who entered them) are due with their
        // payment period.
        const sessions = free.map((o) => ({
          id: String(o.start.getTime()),
          startsAt: o.start,
          priceCents: o.price.totalCents,
        }));
        const dueAtOf = sessionDueDates(sessions, now, this.lifecycle.seriesPaymentRule());
        const submission = {
          parties,
          seriesId,
          input,
          requestedBy,
          journal: who.journal,
          staff,
          now,
          requestId,
          dueAtOf,
          publicPayer: payer.payer,
        };
        // Every session recorded first, then approved together (where approved at once): an invoiced period's
        // confirmations then each list all of the period's sessions.
        const submitted: { occurrence: AssessedOccurrence; booking: BookingEntity | null }[] = [];
        for (const occurrence of assessed) {
          const booking =
            occurrence.state === 'free' ? await this.insertOccurrence(manager, submission, occurrence) : null;
          submitted.push({ occurrence, booking });
        }
        const bookings = submitted.flatMap(({ booking }) => (booking ? [booking] : []));
        // The request told once for all its sessions (the lead event lists them), now that they are known.
        const labels = labelsOf(parties);
        const requested = bookings.map((booking) => ({
          aggregateId: booking.id,
          event: requestedEvent(booking, { labels, organisation: parties.organisation }, requestId),
        }));
        await writeSeriesEvents(manager, seriesId, requested, bookings);
        const approvals: DeferredEvent[] = [];
        for (const { occurrence, booking } of submitted) {
          if (booking) await this.approveAtOnce(manager, submission, occurrence, booking, { bookings, approvals });
        }
        await writeSeriesEvents(manager, seriesId, approvals, bookings);
        const outcomes = submitted.map(({ occurrence, booking }) => outcomeOf(occurrence, booking));
        // Every free occurrence was taken in the meantime: nothing to keep.
        if (bookings.length === 0) throw seriesNotBookable(outcomes);

        const saved = await manager.findOneByOrFail(SeriesEntity, { id: seriesId });
        return {
          series: toSeriesView(saved, parties.establishment.id, bookings, () => labels, this.paymentMode()),
          occurrences: outcomes,
          summary: submissionSummary(outcomes, bookings),
        };
      }),
    );
  }

  /** Approves a recorded session at once where the space needs no approval, or the staff approved it on entry. */
  private async approveAtOnce(
    manager: EntityManager,
    submission: OccurrenceSubmission,
    occurrence: AssessedOccurrence,
    booking: BookingEntity,
    together: { bookings: BookingEntity[]; approvals: DeferredEvent[] },
  ): Promise<void> {
    const { parties, now, requestId, dueAtOf, staff } = submission;
    const dueAt = dueAtOf.get(String(occurrence.start.getTime()));
    const approvedTogether = together.bookings;
    const deferredEvents = together.approvals;
    await this.lifecycle.approveUnlessApprovalRequired(manager, booking, parties.space, {
      now,
      requestId,
      paymentDueAt: dueAt,
      approvedTogether,
      deferredEvents,
    });
    if (staff?.approval && booking.status === 'requested') {
      booking.decisionMessage = staff.approval.message ?? null;
      await this.lifecycle.apply(manager, booking, 'approve', {
        actor: staff.approval.actor,
        journal: submission.journal,
        now,
        requestId,
        paymentDueAt: dueAt,
        approvedTogether,
        deferredEvents,
      });
    }
  }

  /**
   * Inserts one occurrence, with its audit entry (its event is written with the others'), inside a
   * savepoint, so that a slot taken by a concurrent request since the preview
   * (the exclusion constraint says so) costs only that occurrence, not the
   * whole transaction. Null when taken.
   */
  private async insertOccurrence(
    manager: EntityManager,
    submission: OccurrenceSubmission,
    occurrence: AssessedOccurrence,
  ): Promise<BookingEntity | null> {
    const { parties, input, staff } = submission;
    const booking = this.lifecycle.draftRequest({
      space: parties.space,
      organisation: parties.organisation,
      startsAt: occurrence.start,
      endsAt: occurrence.end,
      price: occurrence.price,
      seriesId: submission.seriesId,
      purpose: input.purpose,
      attendees: input.attendees ?? null,
      requestedBy: submission.requestedBy,
      now: submission.now,
      // A free session is not invoiced: it keeps no payer, as a free one-off booking.
      publicPayer: occurrence.price.totalCents > 0 ? submission.publicPayer : null,
    });
    if (staff) Object.assign(booking, { enteredBy: submission.requestedBy, paymentChoice: staff.paymentChoice });
    await manager.query('SAVEPOINT series_occurrence');
    try {
      await this.lifecycle.insertSeriesRequest(manager, booking, submission.journal);
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
    const [labels, awaitingSignatures] = await Promise.all([
      loadBookingLabels(manager, bookings),
      this.lifecycle.awaitingSignatures(manager, bookings),
    ]);
    return toSeriesView(series, first.establishmentId, bookings, labels, this.paymentMode(), awaitingSignatures);
  }

  /**
   * Applies one decision to every occurrence it concerns (all of them, or
   * the chosen `bookingIds`), in one transaction, through the same
   * lifecycle step as a single booking. An occurrence the lifecycle refuses
   * (already started, wrong status for this actor...) is reported and the
   * others go ahead.
   */
  async decide(
    seriesId: string,
    action: SeriesAction,
    access: Access,
    options: { reason?: string; message?: string; bookingIds?: string[]; requestId?: string } = {},
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
      const change = { actor, journal, now: new Date(), requestId: options.requestId, reason: options.reason };
      const chosen = chosenOccurrences(bookings, options.bookingIds);
      // The sessions approved together are scheduled together: each is due with its payment period.
      const approved = action === 'approve' ? chosen.filter((b) => CONCERNED.approve.has(b.status)) : [];
      const dueAtOf = sessionDueDates(approved, change.now, this.lifecycle.seriesPaymentRule());
      const occurrences: SeriesDecisionOccurrence[] = [];
      // The decision told once for all the sessions it applied to (the lead event lists them).
      const deferredEvents: DeferredEvent[] = [];
      for (const booking of chosen) {
        const occurrenceChange = {
          ...change,
          paymentDueAt: dueAtOf.get(booking.id),
          approvedTogether: approved,
          deferredEvents,
        };
        occurrences.push(await this.decideOccurrence(manager, booking, action, occurrenceChange, options.message));
      }
      await writeSeriesEvents(manager, seriesId, deferredEvents, chosen);
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

  /** One occurrence of a whole-series decision: applied, left unchanged, or refused by the lifecycle. */
  private async decideOccurrence(
    manager: EntityManager,
    booking: BookingEntity,
    action: SeriesAction,
    change: TransitionOptions,
    message: string | undefined,
  ): Promise<SeriesDecisionOccurrence> {
    const base = { bookingId: booking.id, startsAt: booking.startsAt.toISOString(), fromStatus: booking.status };
    if (!CONCERNED[action].has(booking.status)) {
      return { ...base, outcome: 'unchanged', status: booking.status, code: null, message: null };
    }
    try {
      // Only saved (by the lifecycle) when the transition is allowed.
      if (action === 'approve') booking.decisionMessage = message ?? null;
      await this.lifecycle.apply(manager, booking, action, change);
      return { ...base, outcome: 'applied', status: booking.status, code: null, message: null };
    } catch (error) {
      if (!(error instanceof AppError) || REQUEST_LEVEL_CODES.has(error.code)) throw error;
      const refusal = error.detail ?? error.title;
      return { ...base, outcome: 'refused', status: booking.status, code: error.code, message: refusal };
    }
  }

  private paymentMode() {
    return this.lifecycle.seriesPaymentRule().mode;
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

/** The occurrences a decision is about, in lock order; every one must belong to the series. */
function chosenOccurrences(bookings: BookingEntity[], bookingIds: string[] | undefined): BookingEntity[] {
  if (!bookingIds) return bookings;
  const chosen = new Set(bookingIds);
  const found = bookings.filter((booking) => chosen.has(booking.id));
  if (found.length !== chosen.size) throw seriesOccurrenceUnknown();
  return found;
}

/** Who submits a series: a member, or the collège's staff on the organisation's behalf. */
interface Submitter {
  requestedBy: string;
  journal: JournalActor;
  requestId?: string;
  staff?: StaffEntry;
}

/** What every occurrence of one series submission shares. */
interface OccurrenceSubmission {
  journal: JournalActor;
  staff?: StaffEntry;
  /** A public payer's invoicing identifiers (checked), for every paid session; null otherwise. */
  publicPayer: PublicPayer | null;
  /** Payment due dates of the sessions approved at once, by start time in milliseconds. */
  dueAtOf: Map<string, Date>;
  parties: SeriesParties;
  seriesId: string;
  input: CreateSeries;
  requestedBy: string;
  now: Date;
  requestId?: string;
}

/** The series row itself, with the options it was requested with; its id. */
async function insertSeries(
  manager: EntityManager,
  parties: SeriesParties,
  series: ExpandedSeries,
  input: CreateSeries,
  requestedBy: string,
): Promise<string> {
  const stored: StoredSeriesOptions = { ...input.options, firstDate: series.spec.firstDate, timeZone: PARIS_TIME_ZONE };
  const inserted = await manager.save(
    manager.create(SeriesEntity, {
      spaceId: parties.space.id,
      organisationId: parties.organisation.id,
      rrule: series.rrule,
      localStartTime: input.startTime,
      durationMinutes: input.durationMinutes,
      options: { ...stored },
      requestedBy,
    }),
  );
  return inserted.id;
}

function submissionSummary(outcomes: SeriesSubmissionOccurrence[], bookings: BookingEntity[]) {
  const count = (state: SeriesSubmissionOccurrence['state']) =>
    outcomes.filter((outcome) => outcome.state === state).length;
  return {
    total: outcomes.length,
    created: count('created'),
    conflict: count('conflict'),
    closed: count('closed'),
    skipped: count('skipped'),
    totalPriceCents: bookings.reduce((sum, booking) => sum + booking.priceCents, 0),
  };
}

function submissionOf(occurrence: AssessedOccurrence): SeriesSubmissionOccurrence {
  return { ...toOccurrencePreview(occurrence), state: 'created', bookingId: null, status: null };
}

/** What became of one occurrence of a submission: created (with its status), taken meanwhile, or left out. */
function outcomeOf(occurrence: AssessedOccurrence, booking: BookingEntity | null): SeriesSubmissionOccurrence {
  if (booking) return { ...submissionOf(occurrence), state: 'created', bookingId: booking.id, status: booking.status };
  if (occurrence.state !== 'free') return notCreated(occurrence);
  const message = `Le créneau du ${formatFrenchDate(occurrence.date)} vient d’être réservé par ailleurs.`;
  return { ...submissionOf(occurrence), state: 'conflict', reasons: [{ code: 'slot_taken', message }] };
}

/** An occurrence left out at submission, for the reason the preview gave. */
function notCreated(occurrence: AssessedOccurrence): SeriesSubmissionOccurrence {
  // A free occurrence is only "not created" when something took it, i.e. a conflict.
  return { ...submissionOf(occurrence), state: occurrence.state === 'free' ? 'conflict' : occurrence.state };
}
