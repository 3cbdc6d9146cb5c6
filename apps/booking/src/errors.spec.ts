import { problemSchema, problemType } from '@salle/contracts';
import { AppError } from '@salle/http';
import { appErrorConstructors, frenchTypographyFaults } from '@salle/testing';
import { transition, type TransitionContext } from './domain/lifecycle';
import { decidePaperRecord, type PaperRecordState } from './domain/convention-signing';
import * as errors from './errors';

type Factory = keyof typeof errors;

/** The paper record's own refusal of `state` (a date in the future), as the service hands it to the factory. */
function decidePaperRecordRefusal(state: PaperRecordState) {
  const decision = decidePaperRecord(state);
  if (decision.ok) throw new Error('the paper record was accepted');
  return decision;
}

const booking = {
  organisationId: 'org-1',
  establishmentId: 'etab-1',
  priceCents: 4000,
  startsAt: new Date('2026-11-05T18:00:00Z'),
  endsAt: new Date('2026-11-05T20:00:00Z'),
};
const manager: TransitionContext = {
  actor: { kind: 'establishment_manager', establishmentId: 'etab-1' },
  booking,
  now: new Date('2026-11-01T10:00:00Z'),
};

/** The state machine's own refusal of `context`, as the lifecycle hands it to the factories. */
function refusalMessage(
  from: Parameters<typeof transition>[0],
  action: Parameters<typeof transition>[1],
  context = manager,
) {
  const result = transition(from, action, context);
  if (result.ok) throw new Error(`${action} from ${from} was allowed`);
  return result.message;
}

/**
 * Each factory with the arguments the service gives it (for lifecycle
 * refusals, the state machine's real messages). A factory missing here
 * fails the test, so that every new one is checked.
 */
const SAMPLES: { [name in Factory]: () => AppError } = {
  bookingNotFound: () => errors.bookingNotFound(),
  contactClaimNothingToClaim: () => errors.contactClaimNothingToClaim(),
  claimPhoneMissing: () => errors.claimPhoneMissing(),
  organisationHasOwners: () => errors.organisationHasOwners(),
  organisationNotRejected: () => errors.organisationNotRejected(),
  organisationHasBookings: () => errors.organisationHasBookings(),
  organisationAlreadyClaimed: () => errors.organisationAlreadyClaimed(),
  claimContactMissing: () => errors.claimContactMissing(),
  claimCodeRateLimited: () => errors.claimCodeRateLimited(),
  claimCodeNotRequested: () => errors.claimCodeNotRequested(),
  claimCodeExpired: () => errors.claimCodeExpired(),
  claimCodeWrong: () => errors.claimCodeWrong(3),
  claimCodeAttemptsExhausted: () => errors.claimCodeAttemptsExhausted(),
  incidentBookingNotBegun: () => errors.incidentBookingNotBegun(),
  incidentDateOutside: () => errors.incidentDateOutside(),
  messageAttachmentNotFound: () => errors.messageAttachmentNotFound(),
  seriesNotFound: () => errors.seriesNotFound(),
  conventionNoLongerKept: () => errors.conventionNoLongerKept(),
  frameworkConventionNotFound: () => errors.frameworkConventionNotFound(),
  spaceNotFound: () => errors.spaceNotFound(),
  closureNotFound: () => errors.closureNotFound(),
  managerNotFound: () => errors.managerNotFound(),
  managerInvitationNotFound: () => errors.managerInvitationNotFound(),
  alreadyManager: () => errors.alreadyManager(),
  organisationIdentifierHeld: () => errors.organisationIdentifierHeld(),
  claimNotFound: () => errors.claimNotFound(),
  nothingToClaim: () => errors.nothingToClaim(),
  claimOwnOrganisation: () => errors.claimOwnOrganisation(),
  claimAlreadyDecided: () => errors.claimAlreadyDecided(),
  registerUnavailable: () => errors.registerUnavailable(),
  establishmentNotFound: () => errors.establishmentNotFound(),
  organisationNotFound: () => errors.organisationNotFound(),
  memberNotFound: () => errors.memberNotFound(),
  calendarFeedNotFound: () => errors.calendarFeedNotFound(),
  slotUnavailable: () => errors.slotUnavailable(),
  categoryNotAdmitted: () => errors.categoryNotAdmitted('Cet espace n’est pas proposé aux entreprises.'),
  invalidInterval: () => errors.invalidInterval(),
  slotNotOffered: () =>
    errors.slotNotOffered([{ code: 'outside_opening_hours', message: 'Ce créneau dépasse les horaires d’ouverture.' }]),
  organisationNotVerified: () => errors.organisationNotVerified(),
  insuranceExpired: () => errors.insuranceExpired(),
  seriesNotBookable: () => errors.seriesNotBookable([]),
  seriesOccurrenceUnknown: () => errors.seriesOccurrenceUnknown(),
  closureAffectsBookings: () => errors.closureAffectsBookings([]),
  invalidTransition: () => errors.invalidTransition(refusalMessage('confirmed', 'refuse')),
  reasonRequired: () => errors.reasonRequired(refusalMessage('requested', 'refuse')),
  tooLate: () =>
    errors.tooLate(refusalMessage('requested', 'approve', { ...manager, now: new Date('2026-11-05T19:00:00Z') })),
  tooEarly: () => errors.tooEarly(refusalMessage('confirmed', 'complete', { ...manager, actor: { kind: 'system' } })),
  transitionRefused: () =>
    errors.transitionRefused({
      code: 'forbidden',
      message: refusalMessage('requested', 'approve', {
        ...manager,
        actor: { kind: 'organisation_member', organisationId: 'org-1' },
      }),
    }),
  priceRefused: () =>
    errors.priceRefused({ code: 'invalid_interval', message: 'La fin du créneau doit être après son début.' }),
  establishmentExists: () => errors.establishmentExists(),
  importInvalid: () =>
    errors.importInvalid(
      '1 erreur(s) sur 1 ligne(s). Corrigez le fichier puis importez-le à nouveau.',
      [{ field: 'ligne 3 : siret', message: 'ce SIRET n’est pas valide' }],
      { errorCount: 1 },
    ),
  organisationExists: () => errors.organisationExists(),
  lastOwner: () => errors.lastOwner(),
  invitationNotFound: () => errors.invitationNotFound(),
  invitationUsed: () => errors.invitationUsed(),
  invitationRevoked: () => errors.invitationRevoked(),
  invitationExpired: () => errors.invitationExpired(),
  alreadyMember: () => errors.alreadyMember(),
  insuranceCertificateNotFound: () => errors.insuranceCertificateNotFound(),
  fileInfected: () => errors.fileInfected(),
  antivirusUnavailable: () => errors.antivirusUnavailable(),
  downloadLinkInvalid: () => errors.downloadLinkInvalid(),
  downloadLinkExpired: () => errors.downloadLinkExpired(),
  conventionNotIssued: () => errors.conventionNotIssued(),
  fileRefused: () =>
    errors.fileRefused({
      code: 'file_type_refused',
      message:
        'Ce fichier n’est pas au format PDF, JPEG ou PNG\u00a0: son contenu ne correspond à aucun de ces formats, quel que soit son nom.',
    }),
  fileUnreadable: () => errors.fileUnreadable('PDF'),
  pdfEncrypted: () => errors.pdfEncrypted(),
  imageTooLarge: () => errors.imageTooLarge(40),
  spacePhotoNotFound: () => errors.spacePhotoNotFound(),
  tooManySpacePhotos: () => errors.tooManySpacePhotos(12),
  spacePhotoOrderInvalid: () => errors.spacePhotoOrderInvalid(),
  photoUnreadable: () => errors.photoUnreadable('JPEG'),
  photoTooLarge: () => errors.photoTooLarge(40),
  insuranceCertificateExpired: () => errors.insuranceCertificateExpired(),
  signatureRequired: () =>
    errors.signatureRequired(
      refusalMessage('approved', 'open_payment', {
        ...manager,
        actor: { kind: 'system' },
        signing: { mode: 'before_payment', signed: false },
      }),
    ),
  signatureRefused: () =>
    errors.signatureRefused({
      code: 'convention_not_your_turn',
      message:
        'Ce n’est pas encore à vous de signer\u00a0: la convention attend d’abord la signature pour l’organisation.',
    }),
  conventionSigningOff: () => errors.conventionSigningOff(),
  paperRecordRefused: () =>
    errors.paperRecordRefused(
      decidePaperRecordRefusal({
        bookingStatus: 'approved',
        completed: null,
        issuedOn: '2026-03-02',
        signedOn: '2026-03-11',
        today: '2026-03-10',
      }),
    ),
  paperScanNotFound: () => errors.paperScanNotFound(),
  conventionSignedOnPaper: () => errors.conventionSignedOnPaper(),
  signedConventionNotFound: () => errors.signedConventionNotFound(),
};

/** An outside service the booking service depends on did not answer: the one kind of refusal that is not the client's. */
const UPSTREAM_FAILURES = new Set<Factory>(['registerUnavailable', 'antivirusUnavailable']);

describe('booking errors', () => {
  const made = Object.entries(SAMPLES).map(([name, make]) => ({ name, error: make() }));

  it('has a sample for every factory the module exports', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(errors).sort());
  });

  it.each(made)(
    '$name answers a problem+json with a stable code, a client status and a French title',
    ({ name, error }) => {
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.status).toBeLessThan(UPSTREAM_FAILURES.has(name as Factory) ? 504 : 500);
      const problem = problemSchema.strict().safeParse({
        type: problemType(error.code),
        status: error.status,
        code: error.code,
        title: error.title,
        detail: error.detail,
        errors: error.errors,
      });
      expect(problem.success).toBe(true);
      expect(error.title).toMatch(/^[A-ZÀ-Ý].*[.!?]$/);
      expect(frenchTypographyFaults(error.title)).toEqual([]);
      expect(frenchTypographyFaults(error.detail ?? '')).toEqual([]);
    },
  );

  it('gives one status per code, whatever the arguments', () => {
    const statusOf = new Map<string, number>();
    for (const { error } of made) {
      expect(statusOf.get(error.code) ?? error.status).toBe(error.status);
      statusOf.set(error.code, error.status);
    }
  });

  it('maps every refusal of the state machine to its code', () => {
    for (const code of ['invalid_transition', 'reason_required', 'too_late', 'too_early', 'forbidden'] as const) {
      expect(errors.transitionRefused({ code, message: 'Refusé.' }).code).toBe(code);
    }
    expect(errors.priceRefused({ code: 'category_not_admitted', message: 'Pas pour vous.' })).toMatchObject({
      code: 'category_not_admitted',
      detail: 'Pas pour vous.',
    });
  });

  it('are the only AppError constructions in apps/booking/src', () => {
    expect(appErrorConstructors(__dirname)).toEqual(['errors.ts']);
  });
});
