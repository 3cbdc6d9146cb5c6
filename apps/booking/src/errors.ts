import type { BookingView, SeriesSubmissionOccurrence } from '@salle/contracts';
import { AppError, forbidden } from '@salle/http';
import type { TransitionRefusalCode } from './domain/lifecycle';
import type { PaperRecordRefusalCode, SigningRefusalCode } from './domain/convention-signing';

/**
 * Every error the booking service answers with, one factory per stable code:
 * the HTTP status and the French title are written here and nowhere else.
 * Codes shared by every service (`forbidden`, `unauthenticated`,
 * `validation_failed`) keep their factories in `@salle/http`.
 */

// Not found: the caller may not see it, or it does not exist (the two are not told apart).
export const bookingNotFound = () => new AppError(404, 'booking_not_found', 'Réservation introuvable.');
export const messageAttachmentNotFound = () =>
  new AppError(404, 'message_attachment_not_found', 'Pièce jointe introuvable.');
export const seriesNotFound = () => new AppError(404, 'series_not_found', 'Série introuvable.');
export const spaceNotFound = () => new AppError(404, 'space_not_found', 'Espace introuvable.');
export const closureNotFound = () => new AppError(404, 'closure_not_found', 'Fermeture introuvable.');
export const establishmentNotFound = () => new AppError(404, 'establishment_not_found', 'Établissement introuvable.');
export const organisationNotFound = () => new AppError(404, 'organisation_not_found', 'Organisation introuvable.');
export const managerNotFound = () =>
  new AppError(404, 'manager_not_found', 'Cet agent n’est pas gestionnaire de ce collège.');
export const managerInvitationNotFound = () =>
  new AppError(
    404,
    'manager_invitation_not_found',
    'Cette invitation est introuvable : elle a peut-être été acceptée.',
  );
export const alreadyManager = () =>
  new AppError(409, 'already_manager', 'Un gestionnaire de ce collège a déjà cette adresse électronique.');
export const memberNotFound = () =>
  new AppError(404, 'member_not_found', 'Cette personne n’est pas membre de l’organisation.');
export const calendarFeedNotFound = () =>
  new AppError(
    404,
    'calendar_feed_not_found',
    'Ce calendrier est introuvable\u00a0: le lien a peut-être été renouvelé.',
  );

// Requesting a slot.
export const slotUnavailable = () =>
  new AppError(409, 'slot_unavailable', 'Ce créneau n’est plus disponible\u00a0: il chevauche une autre réservation.');

/** `detail` says which category when the tariff, rather than the space, leaves it out. */
export const categoryNotAdmitted = (detail?: string) =>
  new AppError(422, 'category_not_admitted', 'Cet espace n’est pas ouvert à votre catégorie d’organisation.', {
    detail,
  });

export const invalidInterval = () =>
  new AppError(422, 'invalid_interval', 'La fin du créneau doit être après son début.');

/** The opening rules refuse the slot; the first reason is the title, every reason is listed. */
export const slotNotOffered = (reasons: readonly { code: string; message: string }[]) =>
  new AppError(422, 'slot_not_offered', reasons[0]?.message ?? 'Ce créneau n’est pas proposé.', {
    extra: { reasons: reasons.map((reason) => ({ code: reason.code, message: reason.message })) },
  });

export const organisationNotRejected = () =>
  new AppError(
    409,
    'organisation_not_rejected',
    'Seule une organisation refusée peut être supprimée : refusez-la d’abord.',
  );
export const organisationHasBookings = () =>
  new AppError(
    409,
    'organisation_has_bookings',
    'Cette organisation a des réservations, des séries ou des conventions : elle est gardée pour elles, sans sa personne à contacter, et sera supprimée avec elles.',
  );

export const organisationNotVerified = () =>
  new AppError(409, 'organisation_not_verified', 'Votre organisation doit d’abord être validée par le département.');

export const insuranceExpired = () =>
  new AppError(
    409,
    'insurance_expired',
    'L’attestation d’assurance de l’organisation ne couvre pas la date demandée.',
    { detail: 'Mettez à jour l’attestation d’assurance dans la fiche de l’organisation.' },
  );

export const seriesNotBookable = (occurrences: SeriesSubmissionOccurrence[]) =>
  new AppError(422, 'series_not_bookable', 'Aucune séance de cette série ne peut être réservée.', {
    detail: 'Chaque séance est fermée, écartée ou en conflit avec une autre réservation\u00a0: voir `occurrences`.',
    extra: { occurrences },
  });

export const seriesOccurrenceUnknown = () =>
  new AppError(422, 'series_occurrence_unknown', 'Une des séances choisies ne fait pas partie de cette série.', {
    detail: 'Rechargez la série et choisissez de nouveau les séances.',
  });

/** A closure over live bookings, not confirmed: they are listed so that the collège confirms their cancellation. */
export const closureAffectsBookings = (bookings: BookingView[]) =>
  new AppError(409, 'closure_affects_bookings', 'Cette fermeture touche des réservations en cours.', {
    detail:
      'Confirmez leur annulation par le collège (remboursées en totalité) ou changez la période\u00a0: voir `bookings`.',
    extra: { bookings },
  });

// Lifecycle refusals: the state machine (`domain/lifecycle`) words the message, as it knows the statuses and actions.
export const invalidTransition = (message: string) => new AppError(409, 'invalid_transition', message);
export const reasonRequired = (message: string) => new AppError(400, 'reason_required', message);
export const tooLate = (message: string) => new AppError(409, 'too_late', message);
export const tooEarly = (message: string) => new AppError(409, 'too_early', message);

export const signatureRequired = (message: string) => new AppError(409, 'signature_required', message);

const TRANSITION_REFUSALS: Record<TransitionRefusalCode, (message: string) => AppError> = {
  signature_required: signatureRequired,
  invalid_transition: invalidTransition,
  reason_required: reasonRequired,
  too_late: tooLate,
  too_early: tooEarly,
  forbidden,
};

/** The error for a transition the state machine refuses. */
export const transitionRefused = (refusal: { code: TransitionRefusalCode; message: string }) =>
  TRANSITION_REFUSALS[refusal.code](refusal.message);

/** The quote's refusal: the tariff has no rate for the category, or the slot ends before it starts. */
export const priceRefused = (refusal: { code: 'category_not_admitted' | 'invalid_interval'; message: string }) =>
  refusal.code === 'invalid_interval' ? invalidInterval() : categoryNotAdmitted(refusal.message);

// Catalogue and imports.
export const establishmentExists = () =>
  new AppError(409, 'establishment_exists', 'Un établissement avec ce code UAI ou ce SIRET existe déjà.');

export const importInvalid = (
  detail: string,
  errors: { field: string; message: string }[],
  extra: Record<string, unknown>,
) =>
  new AppError(400, 'import_invalid', 'Le fichier contient des erreurs\u00a0: rien n’a été importé.', {
    detail,
    errors,
    extra,
  });

// Organisations and their invitations.
export const organisationExists = () =>
  new AppError(409, 'organisation_exists', 'Cette organisation est déjà déclarée.', {
    detail: 'Demandez à son responsable de vous ajouter comme membre.',
  });
/** An admin verifies again a rejected organisation whose number another one has declared since. */
export const organisationIdentifierHeld = () =>
  new AppError(
    409,
    'organisation_identifier_held',
    'Une autre organisation, en attente de vérification ou vérifiée, a déjà ce numéro RNA ou SIREN.',
    { detail: 'Refusez d’abord sa déclaration si elle n’est pas la bonne.' },
  );
export const claimNotFound = () => new AppError(404, 'claim_not_found', 'Contestation introuvable.');
export const nothingToClaim = () =>
  new AppError(422, 'nothing_to_claim', 'Aucune organisation vérifiée n’a ce numéro.', {
    detail:
      'Déclarez votre organisation avec ce numéro, ou attendez la décision du département sur la déclaration en cours.',
  });
export const claimOwnOrganisation = () =>
  new AppError(409, 'claim_own_organisation', 'Vous êtes déjà membre de l’organisation qui a ce numéro.');
export const claimAlreadyDecided = () =>
  new AppError(409, 'claim_already_decided', 'Le département a déjà tranché cette contestation.');
export const registerUnavailable = () =>
  new AppError(
    503,
    'register_unavailable',
    'Le registre des entreprises et des associations ne répond pas\u00a0: réessayez dans un instant.',
  );
export const lastOwner = () => new AppError(409, 'last_owner', 'L’organisation doit garder au moins un responsable.');
export const invitationNotFound = () =>
  new AppError(404, 'invitation_not_found', 'Ce lien d’invitation n’existe pas. Vérifiez qu’il a été copié en entier.');
export const invitationUsed = () =>
  new AppError(
    410,
    'invitation_used',
    'Ce lien d’invitation a déjà servi. Demandez-en un nouveau au responsable de l’organisation.',
  );
export const invitationRevoked = () =>
  new AppError(410, 'invitation_revoked', 'Ce lien d’invitation a été retiré par le responsable de l’organisation.');
export const conventionNoLongerKept = () =>
  new AppError(
    410,
    'convention_no_longer_kept',
    'Cette convention n’est plus conservée\u00a0: sa durée de conservation après la dernière séance est écoulée.',
  );
export const invitationExpired = () =>
  new AppError(
    410,
    'invitation_expired',
    'Ce lien d’invitation a expiré. Demandez-en un nouveau au responsable de l’organisation.',
  );
export const alreadyMember = () =>
  new AppError(
    409,
    'already_member',
    'Vous faites déjà partie de cette organisation\u00a0: le lien reste disponible pour une autre personne.',
  );

// Documents (insurance certificates).
export const insuranceCertificateNotFound = () =>
  new AppError(404, 'insurance_certificate_not_found', 'Aucune attestation d’assurance n’a été déposée.');

/** A file refused by the upload checks of `@salle/storage`, whose French message says why. */
export const fileRefused = (refusal: { code: string; message: string }) =>
  new AppError(422, refusal.code, refusal.message);

/** clamd recognised malware in the file; nothing was stored. */
export const fileInfected = () =>
  new AppError(422, 'file_infected', 'L’antivirus a détecté un logiciel malveillant dans ce fichier, qui est refusé.', {
    detail: 'Analysez votre ordinateur, puis déposez une copie saine du document.',
  });

/** clamd is configured but did not answer: uploads are refused rather than stored unscanned (fail closed). */
export const antivirusUnavailable = () =>
  new AppError(
    503,
    'antivirus_unavailable',
    'L’analyse antivirus des fichiers est momentanément indisponible : réessayez dans quelques minutes.',
    { headers: { 'Retry-After': '30' } },
  );

// Short-lived signed download links (e-mails carry no session).
export const downloadLinkInvalid = () =>
  new AppError(
    403,
    'download_link_invalid',
    'Ce lien de téléchargement n’est pas valide. Vérifiez qu’il a été copié en entier.',
  );
export const downloadLinkExpired = () =>
  new AppError(
    410,
    'download_link_expired',
    'Ce lien de téléchargement a expiré. Connectez-vous pour télécharger le document depuis votre espace.',
  );
export const conventionNotIssued = () =>
  new AppError(404, 'convention_not_issued', 'Aucune convention n’a été établie pour cette réservation.');

export const fileUnreadable = (kind: string) =>
  new AppError(422, 'file_unreadable', `Ce fichier ${kind} ne s’ouvre pas\u00a0: il est peut-être abîmé.`, {
    detail: 'Enregistrez-le à nouveau (ou numérisez l’attestation) puis recommencez.',
  });

export const pdfEncrypted = () =>
  new AppError(422, 'pdf_encrypted', 'Ce PDF est protégé par un mot de passe.', {
    detail: 'Déposez une version sans mot de passe, pour que le collège puisse la lire.',
  });

export const imageTooLarge = (maxMegapixels: number) =>
  new AppError(
    422,
    'image_too_large',
    `Cette image est trop grande\u00a0: au plus ${maxMegapixels}\u00a0millions de pixels.`,
    { detail: 'Numérisez l’attestation à une résolution plus faible (200 points par pouce suffisent).' },
  );

export const insuranceCertificateExpired = () =>
  new AppError(422, 'insurance_certificate_expired', 'Cette attestation d’assurance est déjà expirée.', {
    detail: 'Déposez l’attestation de l’année en cours.',
  });

// Photos of spaces
export const spacePhotoNotFound = () => new AppError(404, 'space_photo_not_found', 'Photo introuvable.');

export const tooManySpacePhotos = (maxCount: number) =>
  new AppError(409, 'too_many_space_photos', `Cet espace a déjà ${maxCount}\u00a0photos, le maximum.`, {
    detail: 'Supprimez-en une avant d’en ajouter une autre.',
  });

export const spacePhotoOrderInvalid = () =>
  new AppError(422, 'space_photo_order_invalid', 'Le nouvel ordre doit citer chaque photo de l’espace une fois.');

export const photoUnreadable = (kind: string) =>
  new AppError(422, 'file_unreadable', `Ce fichier ${kind} ne s’ouvre pas\u00a0: il est peut-être abîmé.`, {
    detail: 'Enregistrez la photo à nouveau depuis votre appareil puis recommencez.',
  });

export const photoTooLarge = (maxMegapixels: number) =>
  new AppError(
    422,
    'image_too_large',
    `Cette photo est trop grande\u00a0: au plus ${maxMegapixels}\u00a0millions de pixels.`,
    { detail: 'Réduisez sa taille (2 000 pixels de large suffisent) puis recommencez.' },
  );

// Signing the convention: the signing order (`domain/convention-signing`) words the message.
const SIGNING_REFUSAL_STATUS: Record<SigningRefusalCode, number> = {
  not_a_party: 404,
  convention_not_signable: 409,
  convention_not_current: 409,
  convention_already_signed: 409,
  convention_signed_on_paper: 409,
  convention_not_your_turn: 409,
  convention_signer_forbidden: 403,
};

/** The error for a signature the signing order refuses; a stranger is told the booking does not exist. */
export const signatureRefused = (refusal: { code: SigningRefusalCode; message: string }) =>
  refusal.code === 'not_a_party'
    ? bookingNotFound()
    : new AppError(SIGNING_REFUSAL_STATUS[refusal.code], refusal.code, refusal.message);

// Recording a convention signed on paper (`domain/convention-signing/paper-record` words the message).
const PAPER_REFUSAL_STATUS: Record<PaperRecordRefusalCode, number> = {
  convention_not_signable: 409,
  convention_already_signed: 409,
  convention_signed_on_paper: 409,
  paper_signed_in_future: 422,
  paper_signed_before_issue: 422,
};

export const paperRecordRefused = (refusal: { code: PaperRecordRefusalCode; message: string }) =>
  new AppError(PAPER_REFUSAL_STATUS[refusal.code], refusal.code, refusal.message);
export const paperScanNotFound = () =>
  new AppError(404, 'paper_scan_not_found', 'Cette convention n’a pas été enregistrée comme signée sur papier.');
/** A convention signed on paper has no sealed PDF nor evidence file: its scan stands for them. */
export const conventionSignedOnPaper = () =>
  new AppError(
    404,
    'convention_signed_on_paper',
    'Cette convention a été signée sur papier\u00a0: téléchargez sa numérisation.',
  );

export const conventionSigningOff = () =>
  new AppError(409, 'convention_signing_off', 'Les conventions ne se signent pas en ligne sur ce site.');
export const signedConventionNotFound = () =>
  new AppError(404, 'signed_convention_not_found', 'La convention n’est pas encore signée par toutes les parties.');
export const frameworkConventionNotFound = () =>
  new AppError(
    404,
    'framework_convention_not_found',
    'Cette réservation n’a pas de convention-cadre\u00a0: le département établit une convention par réservation.',
  );
// Requests entered by the collège for an organisation, and the claim of its record by its contact.
export const contactClaimNothingToClaim = () =>
  new AppError(404, 'contact_claim_not_found', 'Aucun organisme enregistré par un collège n’a ce numéro.', {
    detail: 'Vérifiez le numéro RNA ou SIREN, ou déclarez votre organisation.',
  });
export const organisationHasOwners = () =>
  new AppError(409, 'organisation_has_owners', 'Cet organisme a déjà des responsables sur le site.', {
    detail: 'Demandez-leur une invitation, ou contestez le numéro si vous en êtes le titulaire.',
  });
export const organisationAlreadyClaimed = () =>
  new AppError(409, 'organisation_already_claimed', 'Cet organisme a déjà été revendiqué par son contact.');
export const claimContactMissing = () =>
  new AppError(
    422,
    'claim_contact_missing',
    'Cet organisme n’a pas d’adresse électronique de contact\u00a0: le code ne peut pas être envoyé par courriel.',
    {
      detail:
        'Choisissez de le recevoir par SMS s’il a un téléphone mobile, ou demandez au collège de compléter son contact.',
    },
  );
export const claimPhoneMissing = () =>
  new AppError(
    422,
    'claim_phone_missing',
    'Cet organisme n’a pas de téléphone mobile de contact : le code ne peut pas être envoyé par SMS.',
    { detail: 'Choisissez de le recevoir par courriel, ou demandez au collège de compléter son contact.' },
  );
export const claimCodeRateLimited = () =>
  new AppError(429, 'claim_code_rate_limited', 'Trop de codes ont été demandés pour cet organisme.', {
    detail: 'Attendez une heure avant d’en demander un autre.',
  });
export const claimCodeNotRequested = () =>
  new AppError(404, 'claim_code_not_requested', 'Aucun code n’a été demandé pour cet organisme.', {
    detail: 'Demandez d’abord un code.',
  });
export const claimCodeExpired = () =>
  new AppError(410, 'claim_code_expired', 'Ce code a expiré\u00a0: il ne valait que 15 minutes.', {
    detail: 'Demandez un nouveau code.',
  });
export const claimCodeWrong = (attemptsLeft: number) =>
  new AppError(
    422,
    'claim_code_wrong',
    attemptsLeft > 1
      ? `Ce code n’est pas le bon\u00a0: il vous reste ${attemptsLeft}\u00a0essais.`
      : 'Ce code n’est pas le bon\u00a0: il vous reste un essai.',
  );
export const claimCodeAttemptsExhausted = () =>
  new AppError(429, 'claim_code_attempts_exhausted', 'Trop d’essais avec ce code.', {
    detail: 'Demandez un nouveau code.',
  });

// Incidents noted by the collège.
export const incidentBookingNotBegun = () =>
  new AppError(
    422,
    'incident_booking_not_begun',
    'Un incident se note sur une réservation commencée ou passée, confirmée ou terminée.',
  );
export const incidentDateOutside = () =>
  new AppError(
    422,
    'incident_date_outside',
    'La date de l’incident doit être entre le jour de la réservation et aujourd’hui.',
  );
