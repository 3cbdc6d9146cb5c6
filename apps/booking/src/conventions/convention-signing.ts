import type { SealCertificate } from '@salle/pdf-seal';
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { ConventionSigningView, SignConvention } from '@salle/contracts';
import type { Logger } from '@salle/runtime';
import type { ObjectStore } from '@salle/storage';
import type { Access } from '../access/access';
import { actorFor } from '../bookings/booking-actor';
import { recordChange, type JournalActor } from '../bookings/booking-journal';
import { SYSTEM, type BookingLifecycle, type ConventionSigningMode } from '../bookings/booking-lifecycle';
import { BookingEntity } from '../database/entities';
import {
  completesWith,
  decideSignature,
  nextSigningStep,
  type ConventionSigner,
  type ConventionSigningStep,
  type SigningDecision,
} from '../domain/convention-signing';
import { conventionLink, SIGNED_CONVENTION_LINK_LIFETIME_MS } from '../documents/convention-links';
import { bookingNotFound, conventionSigningOff, signatureRefused, signedConventionNotFound } from '../errors';
import { conventionParties } from './convention-events';
import { conventionEvidence, sealConvention } from './convention-seal-step';
import { findConvention, insertSignature, signaturesOf, type ConventionRecord } from './convention-signatures';
import { journalActorOf, loadSigner } from './convention-signer';
import { isIssued, type StoredConventions } from './stored-conventions';

export interface SigningSettings {
  mode: ConventionSigningMode;
  /** The département's standing delegation, which signs the last step by itself; null when an admin signs. */
  standing: { delegate: string; deliberation: string } | null;
  /** The platform's certificate that seals a fully signed convention (CONVENTION_SEAL_*). */
  sealCertificate: SealCertificate;
  /** The secret of signed download links (STORAGE_LINK_SECRET): the sealed PDF's link goes out by e-mail. */
  linkSecret: string;
}

/** One signing attempt, inside its transaction: who, on what, and the request it came with. */
interface Attempt {
  booking: BookingEntity;
  convention: ConventionRecord;
  signer: ConventionSigner;
  journal: JournalActor;
  body: SignConvention;
  access: Access;
  now: Date;
  requestId?: string;
}

/**
 * Online signing of the issued convention, in the law's order (domain/convention-signing decides), each signature
 * and each refusal written in the booking's audit. The last signature seals the document and moves the bookings
 * that waited for it on, through the lifecycle.
 */
export class ConventionSigning {
  constructor(
    private readonly dataSource: DataSource,
    private readonly conventions: StoredConventions,
    private readonly lifecycle: BookingLifecycle,
    private readonly store: ObjectStore,
    private readonly settings: SigningSettings,
    private readonly logger: Logger,
  ) {}

  async view(bookingId: string, access: Access): Promise<ConventionSigningView> {
    const booking = await this.partyBooking(bookingId, access);
    const empty = { nextStep: null, canSign: false, documentSha256: null, signatures: [] };
    const seals = { sealedSha256: null, evidenceSha256: null };
    if (this.settings.mode === 'off') return { status: 'off', ...empty, ...seals };
    const manager = this.dataSource.manager;
    const convention = await findConvention(manager, booking);
    if (!convention || !isIssued(booking.status)) return { status: 'draft', ...empty, ...seals };
    const signatures = await signaturesOf(manager, convention.id);
    const signedSteps = signatures.map((signature) => signature.step);
    const signer = await loadSigner(manager, booking, access);
    const state = { bookingStatus: booking.status, documentSha256: convention.sha256, signedSteps };
    return {
      status: convention.completedAt ? 'signed' : 'signing',
      nextStep: nextSigningStep(signedSteps),
      canSign: decideSignature(signer, { ...state, presentedSha256: convention.sha256 }).ok,
      documentSha256: convention.sha256,
      signatures,
      sealedSha256: convention.sealedSha256,
      evidenceSha256: convention.evidenceSha256,
    };
  }

  async sign(
    bookingId: string,
    body: SignConvention,
    access: Access,
    requestId?: string,
  ): Promise<ConventionSigningView> {
    if (this.settings.mode === 'off') throw conventionSigningOff();
    const caller = access.requireCaller();
    const found = await this.dataSource.getRepository(BookingEntity).findOneBy({ id: bookingId });
    if (!found) throw bookingNotFound();
    // Issued at approval; issued now if that failed (a stranger's attempt issues nothing: refused below).
    if (isIssued(found.status)) await this.conventions.document(bookingId, access).catch(() => undefined);
    const decision = await this.dataSource.transaction(async (manager) => {
      const booking = await manager.findOneOrFail(BookingEntity, {
        where: { id: bookingId },
        lock: { mode: 'pessimistic_write' },
      });
      const convention = await findConvention(manager, booking, true);
      const signer = await loadSigner(manager, booking, access);
      const journal = journalActorOf(signer, caller.accountId);
      const signedSteps = convention ? (await signaturesOf(manager, convention.id)).map((s) => s.step) : [];
      const outcome = decideSignature(signer, {
        bookingStatus: booking.status,
        documentSha256: convention?.sha256 ?? '',
        presentedSha256: body.documentSha256,
        signedSteps,
      });
      if (!outcome.ok || !convention) {
        // Without an issued convention the presented hash never matches: refused as not current.
        const refusal = outcome.ok ? NOT_CURRENT : outcome;
        await recordChange(manager, booking, { from: booking.status, actor: journal, reason: refusalNote(refusal) });
        return refusal;
      }
      const attempt = { booking, convention, signer, journal, body, access, now: new Date(), requestId };
      await this.land(manager, attempt, outcome.step, signedSteps);
      return outcome;
    });
    if (!decision.ok) throw signatureRefused(decision);
    return this.view(bookingId, access);
  }

  /** The sealed PDF of a fully signed convention, for its parties. */
  async sealed(bookingId: string, access: Access) {
    const { convention, booking } = await this.completed(bookingId, access);
    const stored = convention.sealedStorageKey ? await this.store.get(convention.sealedStorageKey) : undefined;
    if (!stored) throw new Error('the sealed convention is missing from the object store');
    return { bytes: stored.body, sha256: convention.sealedSha256 ?? '', booking };
  }

  /** The evidence file stored beside the sealed PDF, for its parties. */
  async evidence(bookingId: string, access: Access) {
    const { convention, booking } = await this.completed(bookingId, access);
    const stored = convention.evidenceStorageKey ? await this.store.get(convention.evidenceStorageKey) : undefined;
    if (!stored) throw new Error('the convention evidence is missing from the object store');
    return { bytes: stored.body, sha256: convention.evidenceSha256 ?? '', booking };
  }

  private async completed(bookingId: string, access: Access) {
    const booking = await this.partyBooking(bookingId, access);
    const convention = await findConvention(this.dataSource.manager, booking);
    if (!convention?.completedAt) throw signedConventionNotFound();
    return { convention, booking };
  }

  private async partyBooking(bookingId: string, access: Access): Promise<BookingEntity> {
    const booking = await this.dataSource.getRepository(BookingEntity).findOneBy({ id: bookingId });
    if (!booking) throw bookingNotFound();
    actorFor(booking, access);
    return booking;
  }

  /** Records the signature, the standing delegation's after it when due, and seals once complete. */
  private async land(
    manager: EntityManager,
    attempt: Attempt,
    step: ConventionSigningStep,
    signedBefore: readonly ConventionSigningStep[],
  ): Promise<void> {
    const { booking, convention, body, now, requestId } = attempt;
    const caller = attempt.access.requireCaller();
    await insertSignature(manager, convention.id, {
      step,
      signerAccountId: caller.accountId,
      displayName: caller.displayName,
      method: caller.provider,
      assuranceLevel: caller.acr ?? null,
      documentSha256: body.documentSha256,
      consentVersion: body.consentVersion,
      signedAt: now,
    });
    const { autoDepartment, complete } = completesWith(signedBefore, step, this.settings.standing !== null);
    await this.announce(manager, attempt, step, complete ? null : nextSigningStep([...signedBefore, step]));
    if (autoDepartment && this.settings.standing) {
      const { delegate, deliberation } = this.settings.standing;
      await insertSignature(manager, convention.id, {
        step: 'department',
        signerAccountId: null,
        displayName: delegate,
        method: 'standing_delegation',
        assuranceLevel: deliberation,
        documentSha256: convention.sha256,
        consentVersion: body.consentVersion,
        signedAt: now,
      });
      await this.announce(manager, { ...attempt, journal: SYSTEM.journal }, 'department', null);
    }
    if (!complete) return;
    const evidence = conventionEvidence(booking, convention, await signaturesOf(manager, convention.id), now);
    const { sealedSha256, sealedKey } = await sealConvention(
      manager,
      this.store,
      convention,
      evidence,
      this.settings.sealCertificate,
    );
    // The organisation is e-mailed a link to the sealed PDF that opens without logging in, for a while.
    const link = conventionLink(
      booking.id,
      sealedKey,
      new Date(now.getTime() + SIGNED_CONVENTION_LINK_LIFETIME_MS),
      this.settings.linkSecret,
    );
    const signedDownload = { path: link.path, expiresAt: link.expiresAt.toISOString() };
    await recordChange(manager, booking, {
      from: booking.status,
      actor: SYSTEM.journal,
      reason: 'Convention signée par toutes les parties',
      event: {
        type: 'convention.completed',
        payload: { ...partiesOf(attempt), sealedSha256, signedDownload },
        requestId,
      },
    });
    await this.moveOn(manager, booking, now, requestId);
  }

  private async announce(
    manager: EntityManager,
    attempt: Attempt,
    step: ConventionSigningStep,
    nextStep: ConventionSigningStep | null,
  ): Promise<void> {
    await recordChange(manager, attempt.booking, {
      from: attempt.booking.status,
      actor: attempt.journal,
      reason: `Convention signée (${STEP_NOTES[step]})`,
      event: {
        type: 'convention.signed',
        payload: { ...partiesOf(attempt), step, nextStep },
        requestId: attempt.requestId,
      },
    });
  }

  /** The bookings that waited for the signatures (every one of a series) move on as the lifecycle allows. */
  private async moveOn(manager: EntityManager, booking: BookingEntity, now: Date, requestId?: string): Promise<void> {
    const waiting = booking.seriesId
      ? await manager.find(BookingEntity, {
          where: { seriesId: booking.seriesId, status: In(['approved', 'awaiting_payment']) },
          order: { startsAt: 'ASC' },
          lock: { mode: 'pessimistic_write' },
        })
      : [booking];
    for (const each of waiting) {
      if (!(await this.lifecycle.allows(manager, each, 'convention_signed', now))) continue;
      await this.lifecycle.apply(manager, each, 'convention_signed', { ...SYSTEM, now, requestId });
    }
    this.logger.info({ bookingId: booking.id, moved: waiting.length }, 'convention fully signed');
  }
}

const STEP_NOTES: Record<ConventionSigningStep, string> = {
  organisation: 'organisateur',
  establishment: 'collège',
  department: 'département',
};

function partiesOf({ booking, convention }: Pick<Attempt, 'booking' | 'convention'>) {
  return conventionParties(booking, convention.id);
}

type SigningRefusal = Extract<SigningDecision, { ok: false }>;

const NOT_CURRENT: SigningRefusal = {
  ok: false,
  code: 'convention_not_current',
  message: 'La convention n’est pas encore émise\u00a0: réessayez dans un instant.',
};

/** The audit's note of a refused attempt: its stable code, which says why without personal data. */
function refusalNote(refusal: SigningRefusal): string {
  return `Signature de la convention refusée (${refusal.code})`;
}
