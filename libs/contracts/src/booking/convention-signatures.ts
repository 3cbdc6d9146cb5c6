import { z } from 'zod';
import { localDateSchema, utcInstantSchema } from './common';
import { CONVENTION_CONSENT } from './convention-consent';
import { INSURANCE_CERTIFICATE_TYPES, type InsuranceCertificateType } from './insurance';

/** The three signatures of an occupancy convention, always in this order (Code de l'éducation L.213-2-2). */
export const CONVENTION_SIGNING_STEPS = ['organisation', 'establishment', 'department'] as const;
export const conventionSigningStepSchema = z.enum(CONVENTION_SIGNING_STEPS);
export type ConventionSigningStep = z.infer<typeof conventionSigningStepSchema>;

/** How a signer was identified: their federation, or the département's standing delegation signing automatically. */
export const SIGNATURE_METHODS = ['franceconnect', 'proconnect', 'standing_delegation'] as const;
export const signatureMethodSchema = z.enum(SIGNATURE_METHODS);
export type SignatureMethod = z.infer<typeof signatureMethodSchema>;

export { CONVENTION_CONSENT };

/**
 * How the département has its conventions made (CONVENTION_MODE): one per one-off booking and one per series, or a
 * framework convention per organisation, collège and school year with an annex per booking or series.
 */
export const CONVENTION_MODES = ['per_booking', 'framework'] as const;
export type ConventionMode = (typeof CONVENTION_MODES)[number];

/** What a stored convention is: a booking's or series' own, the framework of a school year, or an annex to it. */
export const CONVENTION_DOCUMENTS = ['convention', 'annex', 'framework'] as const;
export const conventionDocumentSchema = z.enum(CONVENTION_DOCUMENTS);
export type ConventionDocumentKind = z.infer<typeof conventionDocumentSchema>;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, { error: 'empreinte SHA-256 attendue' });

export const signConventionSchema = z.strictObject({
  /** The SHA-256 of the document the signer saw (`x-convention-sha256` of its download). */
  documentSha256: sha256Schema,
  /** The explicit consent: must be true. */
  consent: z.literal(true, { error: 'cochez «\u00a0J’ai lu la convention et j’accepte de la signer\u00a0»' }),
  consentVersion: z.literal(CONVENTION_CONSENT.version),
});
export type SignConvention = z.infer<typeof signConventionSchema>;

export const conventionSignatureViewSchema = z.strictObject({
  step: conventionSigningStepSchema,
  displayName: z.string(),
  method: signatureMethodSchema,
  /** The federation's acr (eidas1...), or the deliberation for a standing delegation; null when unknown. */
  assuranceLevel: z.string().nullable(),
  documentSha256: z.string(),
  signedAt: utcInstantSchema,
});
export type ConventionSignatureView = z.infer<typeof conventionSignatureViewSchema>;

/**
 * A convention signed on paper by every party at the collège, as its manager (or an admin) recorded it: the scan
 * replaces the sealed PDF. Nothing else about the people is kept: their names as written on the paper, if given.
 */
export const paperSignatureViewSchema = z.strictObject({
  /** The date written on the paper (Paris). */
  signedOn: localDateSchema,
  /** The signatories' names as written on the paper, when the recorder typed them; null otherwise. */
  signatories: z.string().nullable(),
  recordedAt: utcInstantSchema,
  /** The SHA-256 of the stored scan (as downloaded: an image is the re-encoded one). */
  sha256: z.string(),
  contentType: z.enum(Object.keys(INSURANCE_CERTIFICATE_TYPES) as [InsuranceCertificateType]),
});
export type PaperSignatureView = z.infer<typeof paperSignatureViewSchema>;

/** Which document of a booking a paper record or its scan is about: its own (convention or annex) or its framework. */
export const CONVENTION_PARTS = ['own', 'framework'] as const;
export const conventionPartSchema = z.enum(CONVENTION_PARTS);

/**
 * `POST /bookings/:id/convention/paper`: the body is the scan's bytes as they are (PDF, JPEG or PNG, recognised from
 * the content, checked like an insurance certificate); what the paper says is in the query.
 */
export const recordPaperConventionQuerySchema = z.strictObject({
  /** The name of the chosen file (checked like any upload's; the download gets a name of the service's). */
  fileName: z.string().min(1).max(200),
  signedOn: localDateSchema,
  signatories: z.string().trim().max(500, { error: 'au plus 500\u00a0caractères' }).optional(),
  /** `framework`: the framework convention of the booking's school year (framework mode); its own otherwise. */
  part: conventionPartSchema.optional(),
});
export type RecordPaperConventionQuery = z.infer<typeof recordPaperConventionQuerySchema>;
export const paperScanQuerySchema = z.strictObject({ part: conventionPartSchema.optional() });

export const conventionSigningViewSchema = z.strictObject({
  /**
   * `off`: not signed online; `draft`: not issued, or an unsigned draft of a refused, expired or cancelled request
   * (without value); `signing`: waiting for `nextStep`; `signed`: fully signed, sealed document available (or, when
   * `paper` is set, signed on paper: its scan instead).
   */
  status: z.enum(['off', 'draft', 'signing', 'signed']),
  /**
   * Which document this is: the booking's (or series') own `convention`, or, in framework mode, its `annex` (the
   * booking is signed once both the annex and its framework are) or the `framework` of its school year.
   */
  document: conventionDocumentSchema,
  /** The school year the framework covers, as « 2026-2027 » (for an annex: its framework's); null otherwise. */
  schoolYear: z.string().nullable(),
  nextStep: conventionSigningStepSchema.nullable(),
  /** Whether the caller may sign the next step now. */
  canSign: z.boolean(),
  documentSha256: z.string().nullable(),
  signatures: z.array(conventionSignatureViewSchema),
  sealedSha256: z.string().nullable(),
  evidenceSha256: z.string().nullable(),
  /** Set once recorded as signed on paper (`status` is then `signed`, without a sealed PDF: the scan stands for it). */
  paper: paperSignatureViewSchema.nullable(),
  /** Whether the caller (a manager of the collège, an admin) may record it as signed on paper now. */
  canRecordPaper: z.boolean(),
});
export type ConventionSigningView = z.infer<typeof conventionSigningViewSchema>;

export const setManagerSignatorySchema = z.strictObject({ signatory: z.boolean() });
export const setDelegateSchema = z.strictObject({
  /** The deliberation that delegates the signature, as printed in the evidence. */
  deliberation: z.string().trim().min(1, { error: 'indiquez la délibération' }).max(500),
});

/**
 * What a sealed convention proves, shared by the booking service (which gathers it) and the seal (which prints and
 * signs it): each signature with the identity the federation gave, the method and level, the time and the SHA-256 of
 * the exact document signed.
 */
export const conventionEvidenceSchema = z.strictObject({
  conventionId: z.uuid(),
  reference: z.string(),
  templateVersion: z.number().int().min(0),
  documentSha256: sha256Schema,
  consent: z.strictObject({ version: z.string(), text: z.string() }),
  signers: z.array(
    z.strictObject({
      step: conventionSigningStepSchema,
      name: z.string(),
      method: signatureMethodSchema,
      assuranceLevel: z.string().nullable(),
      signedAt: utcInstantSchema,
      documentSha256: sha256Schema,
    }),
  ),
  completedAt: utcInstantSchema,
});
export type ConventionEvidence = z.infer<typeof conventionEvidenceSchema>;

/** A convention the collège has signed and that waits for the département's (the admins' list). */
export const conventionToSignViewSchema = z.strictObject({
  /** The booking to open (a series' first live session; for a framework, the first of its annexes'). */
  bookingId: z.uuid(),
  /** A booking's or series' own convention, an annex, or a framework convention (signed from any of its bookings). */
  document: conventionDocumentSchema,
  seriesId: z.uuid().nullable(),
  reference: z.string(),
  organisationName: z.string(),
  establishmentName: z.string(),
  spaceName: z.string(),
  firstStartsAt: utcInstantSchema,
  sessions: z.number().int().min(1),
});
export type ConventionToSignView = z.infer<typeof conventionToSignViewSchema>;
export const conventionsToSignViewSchema = z.strictObject({ items: z.array(conventionToSignViewSchema) });

/** An admin account holding the delegation to sign conventions for the département, and the deliberation. */
export const conventionDelegateViewSchema = z.strictObject({
  accountId: z.uuid(),
  deliberation: z.string(),
  grantedAt: utcInstantSchema,
});
export type ConventionDelegateView = z.infer<typeof conventionDelegateViewSchema>;
export const conventionDelegatesViewSchema = z.strictObject({ items: z.array(conventionDelegateViewSchema) });
