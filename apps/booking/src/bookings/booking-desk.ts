import type { DataSource, EntityManager } from 'typeorm';
import type { BookingDetailsView, BookingView, EnterBooking, Page, RequestBooking } from '@salle/contracts';
import { isExclusionViolation, retryTransientConflicts } from '@salle/db';
import { forbidden, invalidFields } from '@salle/http';
import type { Access } from '../access/access';
import {
  AuditEntryEntity,
  BookingEntity,
  OrganisationEntity,
  TariffEntity,
  type EstablishmentEntity,
  type SpaceEntity,
} from '../database/entities';
import { checkSlot } from '../domain/availability';
import { quote, tariffOf } from '../domain/pricing';
import { checkPublicPayer } from '../domain/public-payer';
import { localDateOf } from '../domain/time';
import {
  bookingNotFound,
  organisationNotFound,
  priceRefused,
  slotNotOffered,
  slotUnavailable,
  spaceNotFound,
} from '../errors';
import type { Actor } from '../domain/lifecycle';
import type { JournalActor } from './booking-journal';
import { checkPaymentChoice, type StaffEntry } from './staff-entry';
import { actorFor } from './booking-actor';
import type { BookingLifecycle } from './booking-lifecycle';
import { checkOrganisationMayBook, loadBookableSpace } from './booking-parties';
import { labelsOf, toBookingView, toBookingViews, toLabelledBookingView } from './booking-view';
import { calendarOf } from '../availability/school-calendar';
import { lockSpaceSlots } from './space-lock';
import { loadSpaceRules, rulesValidOn, spaceTimeStep, toOpeningRules } from '../availability/space-rules';

/**
 * The booking workflow as callers see it: request, decide, cancel, read.
 * The desk checks and loads; every status change goes through the
 * lifecycle, in the desk's transaction. The slot itself is guarded by the
 * database's exclusion constraint.
 */
export class BookingDesk {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: BookingLifecycle,
  ) {}

  async request(input: RequestBooking, access: Access, requestId?: string): Promise<BookingView> {
    const caller = access.requireMemberOf(input.organisationId);
    return this.place(input, {
      requestedBy: caller.accountId,
      journal: { accountId: caller.accountId, role: 'organisation_member' },
      requestId,
    });
  }

  /**
   * A request a collège's manager (or an admin) enters for an organisation that phoned or came in: the same
   * checks as a member's, at a space of `establishmentId`, recorded as entered by the staff member on the
   * organisation's behalf; approved in the same transaction when `input.approve`.
   */
  async enter(establishmentId: string, input: EnterBooking, access: Access, requestId?: string): Promise<BookingView> {
    const caller = access.requireManagerOf(establishmentId);
    const actor: Actor = access.isAdmin ? { kind: 'admin' } : { kind: 'establishment_manager', establishmentId };
    const journal: JournalActor = {
      accountId: caller.accountId,
      role: access.isAdmin ? 'department_admin' : 'establishment_manager',
      onBehalfOf: input.organisationId,
    };
    return this.place(input, {
      requestedBy: caller.accountId,
      journal,
      requestId,
      staff: {
        establishmentId,
        paymentChoice: input.paymentChoice,
        approval: input.approve ? { actor, message: input.message } : null,
      },
    });
  }

  private async place(
    input: RequestBooking | EnterBooking,
    who: { requestedBy: string; journal: JournalActor; requestId?: string; staff?: StaffEntry },
  ): Promise<BookingView> {
    const { requestId, staff } = who;
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const now = new Date();
    try {
      return await retryTransientConflicts(() =>
        this.dataSource.transaction(async (manager) => {
          await lockSpaceSlots(manager, input.spaceId);
          const organisation = await manager.findOneBy(OrganisationEntity, { id: input.organisationId });
          if (!organisation) throw organisationNotFound();
          checkOrganisationMayBook(organisation, endsAt);
          const { space, establishment } = await loadBookableSpace(manager, input.spaceId, organisation);
          if (staff && space.establishmentId !== staff.establishmentId) throw spaceNotFound();
          await this.checkOpening(manager, space, establishment, startsAt, endsAt, now);
          const tariff = tariffOf(await manager.findBy(TariffEntity, { spaceId: space.id }));
          const price = quote(tariff, organisation.kind, startsAt, endsAt);
          if (!price.ok) throw priceRefused(price);
          const payer = checkPublicPayer(organisation.kind, price.totalCents, input.publicPayer);
          if (!payer.ok) invalidFields(payer.errors);
          if (staff) checkPaymentChoice(staff.paymentChoice, payer.payer, price.totalCents);

          const booking = this.lifecycle.draftRequest(manager, {
            space,
            organisation,
            startsAt,
            endsAt,
            price,
            seriesId: null,
            purpose: input.purpose,
            attendees: input.attendees ?? null,
            requestedBy: who.requestedBy,
            now,
            publicPayer: payer.payer,
          });
          if (staff) Object.assign(booking, { enteredBy: who.requestedBy, paymentChoice: staff.paymentChoice });
          await manager.save(booking);
          await this.lifecycle.recordRequest(manager, booking, who.journal, requestId);
          await this.lifecycle.approveUnlessApprovalRequired(manager, booking, space, now, requestId);
          if (staff?.approval && booking.status === 'requested') {
            booking.decisionMessage = staff.approval.message ?? null;
            await this.lifecycle.apply(manager, booking, 'approve', {
              actor: staff.approval.actor,
              journal: who.journal,
              now,
              requestId,
            });
          }
          return toBookingView(booking, labelsOf({ space, establishment, organisation }));
        }),
      );
    } catch (error) {
      if (isExclusionViolation(error)) throw slotUnavailable();
      throw error;
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
    const openingRules = {
      ...toOpeningRules(space, rulesValidOn(rules, localDateOf(startsAt)), closures),
      timeStep: spaceTimeStep(space, rules),
    };
    const calendar = calendarOf(establishment);
    const check = checkSlot(openingRules, calendar, startsAt, endsAt, { now });
    if (!check.ok) throw slotNotOffered(check.reasons);
  }

  /** Approve, refuse or cancel: the lifecycle decides what is allowed and applies it. */
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
      const { actor, journal } = actorFor(booking, access);
      // Only saved (by the lifecycle) when the approval is allowed.
      if (action === 'approve') booking.decisionMessage = options.message ?? null;
      await this.lifecycle.apply(manager, booking, action, {
        actor,
        journal,
        now: new Date(),
        requestId: options.requestId,
        reason: options.reason,
      });
      return toLabelledBookingView(manager, booking);
    });
  }

  async get(bookingId: string, access: Access): Promise<BookingDetailsView> {
    access.requireCaller();
    const booking = await this.dataSource.getRepository(BookingEntity).findOneBy({ id: bookingId });
    if (!booking) throw bookingNotFound();
    actorFor(booking, access);
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
        onBehalfOf: entry.onBehalfOf,
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
