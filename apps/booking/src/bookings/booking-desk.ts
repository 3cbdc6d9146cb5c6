import type { DataSource } from 'typeorm';
import type { BookingDetailsView, BookingView, EnterBooking, Page, RequestBooking } from '@salle/contracts';
import { isExclusionViolation, retryTransientConflicts } from '@salle/db';
import { forbidden } from '@salle/http';
import type { Access } from '../access/access';
import { AuditEntryEntity, BookingEntity } from '../database/entities';
import { bookingNotFound, organisationNotFound, slotUnavailable, spaceNotFound } from '../errors';
import { sessionPaymentDueAt } from '../series/session-payment-due';
import type { JournalActor } from './booking-journal';
import { checkPaymentChoice, staffSubmitter, submittedBy, type StaffEntry } from './staff-entry';
import { actorFor } from './booking-actor';
import type { BookingLifecycle } from './booking-lifecycle';
import { checkRequest } from './request-check';
import { loadRequestParties } from './request-parties';
import { labelsOf, toBookingView, toBookingViews, toLabelledBookingView, type SignatureGate } from './booking-view';
import { lockSpaceSlots, transactionOf } from './space-lock';

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

  /** Which bookings' payment waits for their convention's signatures, told in their views. */
  private readonly signatureGate: SignatureGate = (manager, bookings) =>
    this.lifecycle.awaitingSignatures(manager, bookings);

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
    return this.place(input, staffSubmitter(establishmentId, input, access, requestId));
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
          const parties = await loadRequestParties(transactionOf(manager), {
            organisationId: input.organisationId,
            spaceId: input.spaceId,
            from: startsAt,
            to: endsAt,
          });
          const { organisation, space, establishment, price, payer } = checkRequest(
            parties,
            input,
            now,
            submittedBy(staff),
          );
          if (staff && space.establishmentId !== staff.establishmentId) throw spaceNotFound();
          if (staff) checkPaymentChoice(staff.paymentChoice, payer, price.totalCents);
          const booking = this.lifecycle.draftRequest({
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
            publicPayer: payer,
          });
          if (staff) Object.assign(booking, { enteredBy: who.requestedBy, paymentChoice: staff.paymentChoice });
          const labels = labelsOf({ space, establishment, organisation });
          await this.lifecycle.insertRequest(manager, booking, { labels, organisation }, who.journal, requestId);
          await this.lifecycle.approveNewRequestUnlessApprovalRequired(
            manager,
            booking,
            space,
            { establishment, labels },
            now,
            requestId,
          );
          if (staff?.approval && booking.status === 'requested') {
            booking.decisionMessage = staff.approval.message ?? null;
            await this.lifecycle.apply(manager, booking, 'approve', {
              actor: staff.approval.actor,
              journal: who.journal,
              now,
              requestId,
            });
          }
          return toBookingView(booking, labels);
        }),
      );
    } catch (error) {
      if (isExclusionViolation(error)) throw slotUnavailable();
      throw error;
    }
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
      const now = new Date();
      // A series' session is due with its payment period, as when the whole series is approved.
      const paymentDueAt =
        action === 'approve'
          ? await sessionPaymentDueAt(manager, booking, now, this.lifecycle.seriesPaymentRule())
          : undefined;
      await this.lifecycle.apply(manager, booking, action, {
        actor,
        journal,
        now,
        requestId: options.requestId,
        reason: options.reason,
        paymentDueAt,
      });
      return toLabelledBookingView(manager, booking, this.signatureGate);
    });
  }

  async get(bookingId: string, access: Access): Promise<BookingDetailsView> {
    access.requireCaller();
    const booking = await this.dataSource.getRepository(BookingEntity).findOneBy({ id: bookingId });
    if (!booking) throw bookingNotFound();
    actorFor(booking, access);
    const [view, history] = await Promise.all([
      toLabelledBookingView(this.dataSource.manager, booking, this.signatureGate),
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
      items: await toBookingViews(this.dataSource.manager, rows, this.signatureGate),
      page: filter.page,
      pageSize: filter.pageSize,
      total,
    };
  }
}
