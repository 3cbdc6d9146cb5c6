import type { SealCertificate } from '@salle/pdf-seal';
import type { DataSource, EntityManager } from 'typeorm';
import type { ConventionMode, ConventionSigningView, SignConvention } from '@salle/contracts';
import type { Logger } from '@salle/runtime';
import type { ObjectStore } from '@salle/storage';
import type { Access } from '../access/access';
import { actorFor } from '../bookings/booking-actor';
import { recordChange, type JournalActor } from '../bookings/booking-journal';
import { SYSTEM, type BookingLifecycle, type ConventionSigningMode } from '../bookings/booking-lifecycle';
import { BookingEntity } from '../database/entities';
import {
  completesWith,
  decidePaperRecord,
  decideSignature,
  nextSigningStep,
  type ConventionSigner,
  type ConventionSigningStep,
  type SigningDecision,
} from '../domain/convention-signing';
import {
  bookingNotFound,
  conventionSignedOnPaper,
  conventionSigningOff,
  frameworkConventionNotFound,
  signatureRefused,
  signedConventionNotFound,
} from '../errors';
import { parisToday, schoolYearLabel } from '../domain/time';
import { ConventionCompletion } from './convention-completion';
import { conventionParties } from './convention-events';
import { conventionEvidence, sealConvention } from './convention-seal-step';
import {
  findConvention,
  findFramework,
  insertSignature,
  signaturesOf,
  type ConventionRecord,
} from './convention-signatures';
import { journalActorOf, loadSigner } from './convention-signer';
import { isIssued, type StoredConventions } from './stored-conventions';

export interface SigningSettings {
  mode: ConventionSigningMode;
  /** The département's standing delegation, which signs the last step by itself; null when an admin signs. */
  standing: { delegate: string; deliberation: string } | null;
  /** The platform's certificate that seals a fully signed convention (CONVENTION_SEAL_*). */
  sealCertificate: SealCertificate;
  /** CONVENTION_MODE: per booking (default) or a framework per organisation, collège and school year. */
  conventionMode?: ConventionMode;
  /** The secret of signed download links (STORAGE_LINK_SECRET): the sealed PDF's link goes out by e-mail. */
  linkSecret: string;
}

/**
 * Which document of a booking is signed: its `own` (its convention, or its annex in framework mode) or the
 * `framework` its annex refers to. Both are signed in the same order, by the same parties.
 */
export type ConventionPart = 'own' | 'framework';

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
  private readonly completion: ConventionCompletion;

  constructor(
    private readonly dataSource: DataSource,
    private readonly conventions: StoredConventions,
    lifecycle: BookingLifecycle,
    private readonly store: ObjectStore,
    private readonly settings: SigningSettings,
    logger: Logger,
  ) {
    this.completion = new ConventionCompletion(lifecycle, settings.linkSecret, logger);
  }

  async view(bookingId: string, access: Access, part: ConventionPart = 'own'): Promise<ConventionSigningView> {
    const booking = await this.partyBooking(bookingId, access);
    const manager = this.dataSource.manager;
    const own = await findConvention(manager, booking);
    const framework = own?.frameworkId ? await findFramework(manager, booking) : null;
    if (part === 'framework' && (own ? !framework : this.settings.conventionMode !== 'framework'))
      throw frameworkConventionNotFound();
    const convention = part === 'framework' ? framework : own;
    const document = part === 'framework' ? 'framework' : (own?.kind ?? this.expectedKind());
    const year = framework?.schoolYear ?? null;
    const base = { document, schoolYear: year === null ? null : schoolYearLabel(year) } as const;
    const empty = { nextStep: null, canSign: false, documentSha256: null, signatures: [], ...NO_PAPER };
    const seals = { sealedSha256: null, evidenceSha256: null };
    if (this.settings.mode === 'off') return { status: 'off', ...base, ...empty, ...seals };
    if (!convention || !isIssued(booking.status)) return { status: 'draft', ...base, ...empty, ...seals };
    const signatures = await signaturesOf(manager, convention.id);
    const signedSteps = signatures.map((signature) => signature.step);
    const signer = await loadSigner(manager, booking, access);
    const signedOnPaper = convention.paperStorageKey !== null;
    const state = { bookingStatus: booking.status, documentSha256: convention.sha256, signedSteps, signedOnPaper };
    return {
      status: convention.completedAt ? 'signed' : 'signing',
      ...base,
      nextStep: nextSigningStep(signedSteps),
      canSign: decideSignature(signer, { ...state, presentedSha256: convention.sha256 }).ok,
      documentSha256: convention.sha256,
      signatures,
      sealedSha256: convention.sealedSha256,
      evidenceSha256: convention.evidenceSha256,
      paper: paperView(convention),
      canRecordPaper: this.mayRecordPaper(booking, convention, access),
    };
  }

  /** Whether the caller may record the convention as signed on paper now: its collège's managers and admins. */
  private mayRecordPaper(booking: BookingEntity, convention: ConventionRecord, access: Access): boolean {
    if (!access.managesEstablishment(booking.establishmentId)) return false;
    const today = parisToday();
    const completed = convention.completedAt ? 'online' : null;
    return decidePaperRecord({ bookingStatus: booking.status, completed, issuedOn: today, signedOn: today, today }).ok;
  }

  /** What a booking without an issued convention will get: an annex in framework mode, its own convention otherwise. */
  private expectedKind() {
    return this.settings.conventionMode === 'framework' ? ('annex' as const) : ('convention' as const);
  }

  async sign(
    bookingId: string,
    body: SignConvention,
    access: Access,
    requestId?: string,
    part: ConventionPart = 'own',
  ): Promise<ConventionSigningView> {
    if (this.settings.mode === 'off') throw conventionSigningOff();
    const caller = access.requireCaller();
    const found = await this.dataSource.getRepository(BookingEntity).findOneBy({ id: bookingId });
    if (!found) throw bookingNotFound();
    // Issued at approval; issued now if that failed (a stranger's attempt issues nothing: refused below).
    if (isIssued(found.status)) await this.conventions.document(bookingId, access).catch(() => undefined);
    const decision = await this.dataSource.transaction(async (manager) => {
      // A framework first, then the booking: an annex's and its framework's last signatures never cross.
      const framework = await findFramework(manager, found, true);
      const booking = await manager.findOneOrFail(BookingEntity, {
        where: { id: bookingId },
        lock: { mode: 'pessimistic_write' },
      });
      const own = await findConvention(manager, booking, true);
      if (part === 'framework' && (own ? !framework : this.settings.conventionMode !== 'framework'))
        return 'no_framework' as const; // its own convention, or one per booking: nothing to record
      const convention = part === 'framework' ? framework : own;
      const signer = await loadSigner(manager, booking, access);
      const journal = journalActorOf(signer, caller.accountId);
      const signedSteps = convention ? (await signaturesOf(manager, convention.id)).map((s) => s.step) : [];
      const outcome = decideSignature(signer, {
        bookingStatus: booking.status,
        documentSha256: convention?.sha256 ?? '',
        presentedSha256: body.documentSha256,
        signedSteps,
        signedOnPaper: Boolean(convention?.paperStorageKey),
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
    if (decision === 'no_framework') throw frameworkConventionNotFound();
    if (!decision.ok) throw signatureRefused(decision);
    return this.view(bookingId, access, part);
  }

  /** The sealed PDF of a fully signed convention (or framework), for its parties. */
  async sealed(bookingId: string, access: Access, part: ConventionPart = 'own') {
    const { convention, booking } = await this.completed(bookingId, access, part);
    const stored = convention.sealedStorageKey ? await this.store.get(convention.sealedStorageKey) : undefined;
    if (!stored) throw new Error('the sealed convention is missing from the object store');
    return { bytes: stored.body, sha256: convention.sealedSha256 ?? '', booking };
  }

  /** The evidence file stored beside the sealed PDF, for its parties. */
  async evidence(bookingId: string, access: Access, part: ConventionPart = 'own') {
    const { convention, booking } = await this.completed(bookingId, access, part);
    const stored = convention.evidenceStorageKey ? await this.store.get(convention.evidenceStorageKey) : undefined;
    if (!stored) throw new Error('the convention evidence is missing from the object store');
    return { bytes: stored.body, sha256: convention.evidenceSha256 ?? '', booking };
  }

  private async completed(bookingId: string, access: Access, part: ConventionPart) {
    const booking = await this.partyBooking(bookingId, access);
    const find = part === 'framework' ? findFramework : findConvention;
    const convention = await find(this.dataSource.manager, booking);
    if (!convention?.completedAt) throw signedConventionNotFound();
    if (convention.paperStorageKey) throw conventionSignedOnPaper();
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
    await this.completion.complete(manager, booking, convention, {
      signed: { key: sealedKey, sha256: sealedSha256 },
      journal: SYSTEM.journal,
      reason: 'Convention signée par toutes les parties',
      now,
      requestId,
    });
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
}

const NO_PAPER = { paper: null, canRecordPaper: false } as const;

/** A convention's paper record, as its views show it; null when it was not signed on paper. */
export function paperView(convention: ConventionRecord): ConventionSigningView['paper'] {
  if (!convention.paperStorageKey || !convention.paperRecordedAt) return null;
  return {
    signedOn: convention.paperSignedOn ?? '',
    signatories: convention.paperSignatories,
    recordedAt: convention.paperRecordedAt.toISOString(),
    sha256: convention.paperSha256 ?? '',
    contentType: convention.paperContentType ?? 'application/pdf',
  };
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
