import type { DataSource, EntityManager } from 'typeorm';
import type { BookingDetailsView, BookingView, Page, RequestBooking } from '@salle/contracts';
import { isExclusionViolation, retryTransientConflicts } from '@salle/db';
import { AppError, forbidden } from '@salle/http';
import { organisationNotFound, type Access } from '../access/access';
import {
  BookingEntity,
  EstablishmentEntity,
  OrganisationEntity,
  SpaceEntity,
  TariffEntity,
  AuditEntryEntity,
} from '../database/entities';
import { checkSlot } from '../domain/availability';
import { cancellationRefundPercent, DEFAULT_CANCELLATION_POLICY } from '../domain/cancellation';
import { transition, type Actor, type BookingAction } from '../domain/lifecycle';
import { quote, type PriceQuote, type Tariff } from '../domain/pricing';
import { localDateOf } from '../domain/time';
import { parisToday } from '../organisations/organisation-registry';
import { recordChange, slotOf, transitionEvent, type JournalActor, type TransitionOptions } from './booking-journal';
import { labelsOf, loadBookingLabels, toBookingView, toBookingViews, toLabelledBookingView } from './booking-view';
import { schoolCalendar } from './school-calendar';
import { lockSpaceSlots } from './space-lock';
import { loadSpaceRules, rulesValidOn, toOpeningRules } from './space-rules';

export interface BookingPolicy {
  decisionDays: number;
  paymentDeadlineHours: number;
}

export const bookingNotFound = () => new AppError(404, 'booking_not_found', 'Réservation introuvable.');
export const slotUnavailable = () =>
  new AppError(409, 'slot_unavailable', "Ce créneau n'est plus disponible : il chevauche une autre réservation.");

const HOUR = 3_600_000;

/** The platform acting on its own: expiries, completions, payment outcomes, automatic approval. */
export const SYSTEM = {
  actor: { kind: 'system' },
  journal: { accountId: null, role: 'system' },
} as const satisfies Pick<TransitionOptions, 'actor' | 'journal'>;

export function toTariff(rows: TariffEntity[]): Tariff {
  return {
    rates: Object.fromEntries(
      rows.map((row) => [
        row.category,
        { hourlyCents: row.hourlyCents, halfDayCents: row.halfDayCents, dayCents: row.dayCents },
      ]),
    ),
    depositCents: Math.max(0, ...rows.map((row) => row.depositCents)),
  };
}

/**
 * The booking workflow: requests, decisions, cancellations. Every change
 * runs in one transaction with its audit entry and outbox event; the slot
 * itself is guarded by the database's exclusion constraint.
 */
export class BookingDesk {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: BookingPolicy,
  ) {}

  async request(input: RequestBooking, access: Access, requestId?: string): Promise<BookingView> {
    const caller = access.requireMemberOf(input.organisationId);
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const now = new Date();
    try {
      return await retryTransientConflicts(() =>
        this.dataSource.transaction(async (manager) => {
          await lockSpaceSlots(manager, input.spaceId);
          const organisation = await manager.findOneBy(OrganisationEntity, { id: input.organisationId });
          if (!organisation) throw organisationNotFound();
          this.checkOrganisationMayBook(organisation, endsAt);
          const space = await manager.findOneBy(SpaceEntity, { id: input.spaceId });
          const establishment = space && (await manager.findOneBy(EstablishmentEntity, { id: space.establishmentId }));
          if (!space || !establishment || !space.active || establishment.status !== 'active') {
            throw new AppError(404, 'space_not_found', 'Espace introuvable.');
          }
          if (!space.allowedCategories.includes(organisation.kind)) {
            throw new AppError(
              422,
              'category_not_admitted',
              "Cet espace n'est pas ouvert à votre catégorie d'organisation.",
            );
          }
          await this.checkOpening(manager, space, establishment, startsAt, endsAt, now);
          const price = quote(
            toTariff(await manager.findBy(TariffEntity, { spaceId: space.id })),
            organisation.kind,
            startsAt,
            endsAt,
          );
          if (!price.ok) throw new AppError(422, price.code, price.message);

          const booking = this.buildRequest(manager, {
            space,
            organisation,
            startsAt,
            endsAt,
            price,
            seriesId: null,
            purpose: input.purpose,
            attendees: input.attendees ?? null,
            requestedBy: caller.accountId,
            now,
          });
          await manager.save(booking);
          await this.journalRequest(
            manager,
            booking,
            space,
            { accountId: caller.accountId, role: 'organisation_member' },
            now,
            requestId,
          );
          return toBookingView(booking, labelsOf({ space, establishment, organisation }));
        }),
      );
    } catch (error) {
      if (isExclusionViolation(error)) throw slotUnavailable();
      throw error;
    }
  }

  /** A new `requested` booking, not yet saved: one-off and series requests build it the same way. */
  buildRequest(
    manager: EntityManager,
    request: {
      space: SpaceEntity;
      organisation: OrganisationEntity;
      startsAt: Date;
      endsAt: Date;
      price: PriceQuote;
      seriesId: string | null;
      purpose: string;
      attendees: number | null;
      requestedBy: string;
      now: Date;
    },
  ): BookingEntity {
    const { space, organisation, startsAt, endsAt, price, now } = request;
    return manager.create(BookingEntity, {
      spaceId: space.id,
      establishmentId: space.establishmentId,
      organisationId: organisation.id,
      seriesId: request.seriesId,
      startsAt,
      endsAt,
      blockedUntil: new Date(endsAt.getTime() + space.bufferMinutes * 60_000),
      status: 'requested',
      renterCategory: organisation.kind,
      priceCents: price.totalCents,
      depositCents: price.depositCents ?? 0,
      priceDetails: { method: price.method, durationMinutes: price.durationMinutes, explanation: price.explanation },
      purpose: request.purpose,
      attendees: request.attendees,
      requestedBy: request.requestedBy,
      // Undecided requests are released after the decision delay, and never hold a slot past its start.
      expiresAt: new Date(Math.min(now.getTime() + this.policy.decisionDays * 24 * HOUR, startsAt.getTime())),
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** Journals a saved request (audit + booking.requested) and approves it at once where the space needs no approval. */
  async journalRequest(
    manager: EntityManager,
    booking: BookingEntity,
    space: SpaceEntity,
    actor: JournalActor,
    now: Date,
    requestId?: string,
  ) {
    await recordChange(manager, booking, {
      from: null,
      actor,
      event: {
        type: 'booking.requested',
        payload: {
          ...slotOf(booking),
          seriesId: booking.seriesId,
          priceCents: booking.priceCents,
          decisionDueAt: (booking.expiresAt ?? booking.startsAt).toISOString(),
        },
        requestId,
      },
    });
    if (!space.approvalRequired) {
      await this.apply(manager, booking, 'approve', { ...SYSTEM, now, requestId });
    }
  }

  /** Verified and insured on the booked dates, or the 409 that says what to fix. */
  checkOrganisationMayBook(organisation: OrganisationEntity, endsAt: Date) {
    if (organisation.status !== 'verified') {
      throw new AppError(
        409,
        'organisation_not_verified',
        "Votre organisation doit d'abord être validée par le département.",
      );
    }
    if (organisation.insuranceExpiresOn < localDateOf(endsAt) || organisation.insuranceExpiresOn < parisToday()) {
      throw new AppError(
        409,
        'insurance_expired',
        "L'attestation d'assurance de l'organisation ne couvre pas la date demandée.",
        {
          detail: "Mettez à jour l'attestation d'assurance dans la fiche de l'organisation.",
        },
      );
    }
  }

  private async checkOpening(
    manager: EntityManager,
    space: SpaceEntity,
    establishment: EstablishmentEntity,
    startsAt: Date,
    endsAt: Date,
    now: Date,
  ) {
    const { rules, closures } = await loadSpaceRules(manager, space, startsAt, endsAt);
    const openingRules = toOpeningRules(space, rulesValidOn(rules, localDateOf(startsAt)), closures);
    const check = checkSlot(openingRules, schoolCalendar().forZone(establishment.schoolZone), startsAt, endsAt, {
      now,
    });
    if (!check.ok) {
      throw new AppError(422, 'slot_not_offered', check.reasons[0]?.message ?? "Ce créneau n'est pas proposé.", {
        extra: { reasons: check.reasons.map((reason) => ({ code: reason.code, message: reason.message })) },
      });
    }
  }

  /** Who the caller is towards a booking (admin, its collège's manager, its organisation's member), or 404. */
  actorFor(booking: BookingEntity, access: Access): { actor: Actor; journal: JournalActor } {
    const caller = access.requireCaller();
    if (access.isAdmin)
      return { actor: { kind: 'admin' }, journal: { accountId: caller.accountId, role: 'department_admin' } };
    if (access.managesEstablishment(booking.establishmentId)) {
      return {
        actor: { kind: 'establishment_manager', establishmentId: booking.establishmentId },
        journal: { accountId: caller.accountId, role: 'establishment_manager' },
      };
    }
    if (access.actsFor(booking.organisationId)) {
      return {
        actor: { kind: 'organisation_member', organisationId: booking.organisationId },
        journal: { accountId: caller.accountId, role: 'organisation_member' },
      };
    }
    throw bookingNotFound();
  }

  /** Approve, refuse or cancel: the lifecycle decides what is allowed, this applies it. */
  async act(
    bookingId: string,
    action: 'approve' | 'refuse' | 'cancel',
    access: Access,
    options: { reason?: string; message?: string; requestId?: string } = {},
  ) {
    access.requireCaller();
    return this.dataSource.transaction(async (manager) => {
      const booking = await manager.findOne(BookingEntity, {
        where: { id: bookingId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!booking) throw bookingNotFound();
      const { actor, journal } = this.actorFor(booking, access);
      if (action === 'approve') booking.decisionMessage = options.message ?? null;
      await this.apply(manager, booking, action, {
        actor,
        journal,
        now: new Date(),
        requestId: options.requestId,
        reason: options.reason,
      });
      return toLabelledBookingView(manager, booking);
    });
  }

  /** Applies one lifecycle action to a locked booking, with its audit entry and event. */
  async apply(
    manager: EntityManager,
    booking: BookingEntity,
    action: BookingAction,
    change: TransitionOptions,
  ): Promise<void> {
    const { actor, journal, now, reason } = change;
    const establishment = await manager.findOneByOrFail(EstablishmentEntity, { id: booking.establishmentId });
    const result = transition(booking.status, action, {
      actor,
      booking,
      now,
      reason,
      paymentReady: establishment.payoutReady,
    });
    if (!result.ok) {
      if (result.code === 'forbidden') throw forbidden(result.message);
      throw new AppError(result.code === 'reason_required' ? 400 : 409, result.code, result.message);
    }
    const from = booking.status;
    booking.status = result.to;
    booking.updatedAt = now;
    booking.version += 1;
    if (action === 'approve' || action === 'refuse') booking.decidedBy = journal.accountId;
    if (action === 'refuse') booking.refusalReason = reason ?? null;
    if (action === 'cancel') {
      booking.cancelledBy = result.cancelledBy ?? 'organisation';
      booking.cancellationReason = reason ?? null;
      booking.refundPercent = cancellationRefundPercent(
        establishment.cancellationPolicy ?? DEFAULT_CANCELLATION_POLICY,
        { cancelledBy: booking.cancelledBy, cancelledAt: now, wasConfirmed: from === 'confirmed' },
        booking,
      );
    }
    // Waiting for the payout account or the payment: released at the payment deadline.
    // `open_payment` keeps the deadline set at approval; any other move ends the wait.
    if (action === 'approve' && (result.to === 'approved' || result.to === 'awaiting_payment')) {
      booking.expiresAt = new Date(
        Math.min(now.getTime() + this.policy.paymentDeadlineHours * HOUR, booking.startsAt.getTime()),
      );
    } else if (action !== 'open_payment') {
      booking.expiresAt = null;
    }
    // A debit holds the booking only while it awaits its payment.
    if (result.to !== 'awaiting_payment') booking.processingPaymentId = null;
    await manager.save(booking);
    // An approval that awaits payment names the parties for payment, which knows only their ids.
    const labels =
      action === 'approve' && booking.status !== 'confirmed'
        ? (await loadBookingLabels(manager, [booking]))(booking)
        : undefined;
    await recordChange(manager, booking, {
      from,
      actor: journal,
      reason,
      event: transitionEvent(action, from, booking, change, labels),
    });
  }

  async get(bookingId: string, access: Access): Promise<BookingDetailsView> {
    access.requireCaller();
    const booking = await this.dataSource.getRepository(BookingEntity).findOneBy({ id: bookingId });
    if (!booking) throw bookingNotFound();
    this.actorFor(booking, access);
    const [view, history] = await Promise.all([
      toLabelledBookingView(this.dataSource.manager, booking),
      this.dataSource.getRepository(AuditEntryEntity).find({ where: { bookingId }, order: { id: 'ASC' } }),
    ]);
    return {
      ...view,
      history: history.map((entry) => ({
        at: entry.at.toISOString(),
        actorRole: entry.actorRole,
        fromStatus: entry.fromStatus,
        toStatus: entry.toStatus,
        reason: entry.reason,
      })),
    };
  }

  async list(
    filter: {
      organisationId?: string;
      establishmentId?: string;
      status?: BookingEntity['status'];
      from?: string;
      to?: string;
      page: number;
      pageSize: number;
    },
    access: Access,
  ): Promise<Page<BookingView>> {
    access.requireCaller();
    if (filter.organisationId && !access.actsFor(filter.organisationId) && !access.isAdmin)
      throw organisationNotFound();
    if (filter.establishmentId && !access.managesEstablishment(filter.establishmentId)) {
      throw forbidden('Vous ne gérez pas cet établissement.');
    }
    const query = this.dataSource.getRepository(BookingEntity).createQueryBuilder('b');
    if (filter.organisationId) query.andWhere('b.organisation_id = :org', { org: filter.organisationId });
    if (filter.establishmentId) query.andWhere('b.establishment_id = :est', { est: filter.establishmentId });
    if (filter.status) query.andWhere('b.status = :status', { status: filter.status });
    if (filter.from) query.andWhere('b.ends_at > :from', { from: filter.from });
    if (filter.to) query.andWhere('b.starts_at < :to', { to: filter.to });
    const [rows, total] = await query
      .orderBy('b.starts_at', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return {
      items: await toBookingViews(this.dataSource.manager, rows),
      page: filter.page,
      pageSize: filter.pageSize,
      total,
    };
  }
}
