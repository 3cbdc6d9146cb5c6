import { CONVENTION_SIGNING_STEPS, type BookingStatus, type ConventionSigningStep } from '@salle/contracts';

export { CONVENTION_SIGNING_STEPS, type ConventionSigningStep } from '@salle/contracts';

/** Statuses in which a convention is issued and may be signed: from approval until the slot is used. */
const SIGNABLE_IN: readonly BookingStatus[] = ['approved', 'awaiting_payment', 'confirmed'];

/** Who asks to sign, as the service knows them: federation, assurance, and what they hold for this booking. */
export interface ConventionSigner {
  provider: 'franceconnect' | 'proconnect';
  /** The convention's organisation: 'owner', 'member', or null when they do not act for it. */
  organisationRole: 'owner' | 'member' | null;
  /** Whether they manage the convention's collège, and are flagged as its signatory. */
  managesEstablishment: boolean;
  establishmentSignatory: boolean;
  /** A département admin, and whether they hold the delegation to sign conventions. */
  admin: boolean;
  delegate: boolean;
}

export interface ConventionSigningState {
  bookingStatus: BookingStatus;
  /** The SHA-256 of the issued convention, and the one the signer saw. */
  documentSha256: string;
  presentedSha256: string;
  signedSteps: readonly ConventionSigningStep[];
  /** Recorded as signed on paper: nothing is signed online any more. */
  signedOnPaper?: boolean;
}

export type SigningRefusalCode =
  | 'not_a_party'
  | 'convention_not_signable'
  | 'convention_not_current'
  | 'convention_already_signed'
  | 'convention_signed_on_paper'
  | 'convention_not_your_turn'
  | 'convention_signer_forbidden';

export type SigningDecision =
  { ok: true; step: ConventionSigningStep } | { ok: false; code: SigningRefusalCode; message: string };

const STEP_LABELS: Record<ConventionSigningStep, string> = {
  organisation: 'l’organisation',
  establishment: 'le collège',
  department: 'le département',
};

/** The next step to sign, or null once all three have signed. */
export function nextSigningStep(signed: readonly ConventionSigningStep[]): ConventionSigningStep | null {
  return CONVENTION_SIGNING_STEPS.find((step) => !signed.includes(step)) ?? null;
}

/** The steps this signer is entitled to sign, whatever the order: owners, signatory managers, delegated admins. */
export function stepsOf(signer: ConventionSigner): ConventionSigningStep[] {
  const steps: ConventionSigningStep[] = [];
  if (signer.organisationRole === 'owner') steps.push('organisation');
  if (signer.managesEstablishment && signer.establishmentSignatory && signer.provider === 'proconnect')
    steps.push('establishment');
  if (signer.admin && signer.delegate) steps.push('department');
  return steps;
}

function isParty(signer: ConventionSigner): boolean {
  return signer.organisationRole !== null || signer.managesEstablishment || signer.admin;
}

const refuse = (code: SigningRefusalCode, message: string): SigningDecision => ({ ok: false, code, message });

/**
 * Whether `signer` may sign the convention now, and which step. The order is the law's: the organisation's
 * representative (an owner), then the collège's signatory manager, then the département (an admin holding the
 * delegation, or the standing delegation which the service applies itself). Checks run in this order: a party at
 * all, a booking still under way, not signed on paper, the document the signer saw is the issued one, not already signed, entitled to a
 * step, and that step's turn.
 */
export function decideSignature(signer: ConventionSigner, state: ConventionSigningState): SigningDecision {
  if (!isParty(signer)) return refuse('not_a_party', 'Réservation introuvable.');
  if (!SIGNABLE_IN.includes(state.bookingStatus))
    return refuse(
      'convention_not_signable',
      'Cette convention ne peut plus être signée\u00a0: la réservation est annulée, refusée, expirée ou terminée.',
    );
  if (state.signedOnPaper)
    return refuse(
      'convention_signed_on_paper',
      'Cette convention a été signée sur papier par toutes les parties\u00a0: elle ne se signe plus en ligne.',
    );
  if (state.presentedSha256 !== state.documentSha256)
    return refuse(
      'convention_not_current',
      'Le document que vous avez lu n’est pas la convention en vigueur\u00a0: téléchargez-la de nouveau avant de signer.',
    );
  const next = nextSigningStep(state.signedSteps);
  const steps = stepsOf(signer);
  if (next === null || (steps.length > 0 && steps.every((step) => state.signedSteps.includes(step))))
    return refuse('convention_already_signed', 'Vous avez déjà signé cette convention.');
  if (steps.length === 0) return refuse('convention_signer_forbidden', forbiddenMessage(signer));
  if (!steps.includes(next))
    return refuse(
      'convention_not_your_turn',
      `Ce n’est pas encore à vous de signer\u00a0: la convention attend d’abord la signature pour ${STEP_LABELS[next]}.`,
    );
  return { ok: true, step: next };
}

function forbiddenMessage(signer: ConventionSigner): string {
  if (signer.organisationRole === 'member')
    return 'Seul un responsable de l’organisation peut signer la convention en son nom.';
  if (signer.managesEstablishment) return 'Seul le signataire désigné du collège peut signer la convention en son nom.';
  return 'Seul un agent titulaire de la délégation de signature peut signer au nom du département.';
}

/** Whether every step is signed once `step` lands, given the standing delegation signs the last one by itself. */
export function completesWith(
  signed: readonly ConventionSigningStep[],
  step: ConventionSigningStep,
  standingDelegation: boolean,
): { autoDepartment: boolean; complete: boolean } {
  const after = [...signed, step];
  const autoDepartment = standingDelegation && nextSigningStep(after) === 'department';
  return { autoDepartment, complete: autoDepartment || nextSigningStep(after) === null };
}
