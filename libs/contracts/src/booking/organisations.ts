import { z } from 'zod';
import { localDateSchema, renterCategorySchema, utcInstantSchema } from './common';

/** An organisation books only once a département admin has verified it. */
export const ORGANISATION_STATUSES = ['pending', 'verified', 'rejected'] as const;
export const organisationStatusSchema = z.enum(ORGANISATION_STATUSES);
export type OrganisationStatus = z.infer<typeof organisationStatusSchema>;

const mustBeTrue = (message: string) => z.literal(true, { error: message });

/** The person the collèges call about the organisation's bookings: each optional, shown to the collèges it books. */
const contactFields = {
  contactName: z.string().trim().min(1).max(200).optional(),
  /**
   * Its shape only: the booking service reads it as a real number and keeps it in E.164 (`normalisePhoneNumber`
   * of `@salle/contracts/phone`, whose number ranges the web's first page, which imports this table, must not load).
   */
  contactPhone: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[+0-9 ().-]+$/, { error: 'doit être un numéro de téléphone, par exemple 06 12 34 56 78' })
    .optional(),
  contactEmail: z.email({ error: 'doit être une adresse e-mail' }).max(254).optional(),
  /** The contact phone agrees to receive the notification service's SMS (a mobile number is needed). */
  contactSmsConsent: z.boolean({ error: 'doit valoir true ou false' }).optional(),
};

export const createOrganisationSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    kind: renterCategorySchema,
    rna: z.string().trim().optional(),
    siren: z.string().trim().optional(),
    address: z.string().trim().max(300).default(''),
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{5}$/, { error: 'doit comporter 5 chiffres' }),
    communeName: z.string().trim().min(1).max(200),
    eligibility: z.strictObject({
      notReligious: mustBeTrue('l’organisation ne doit pas avoir d’objet cultuel'),
      notPolitical: mustBeTrue('l’organisation ne doit pas avoir d’objet politique'),
      notProfitMaking: mustBeTrue('l’activité ne doit pas être lucrative'),
    }),
    republicanContractAcknowledged: mustBeTrue('le contrat d’engagement républicain doit être accepté'),
    insuranceReference: z.string().trim().min(1).max(200),
    insuranceExpiresOn: localDateSchema,
    ...contactFields,
  })
  // Checked even when other fields are wrong, so that a person sees every problem at once.
  // `when` runs it on any input, even one that is not an object at all: then the type error alone is reported.
  .refine(
    (o: Partial<{ rna: string; siren: string }> | null) =>
      typeof o !== 'object' || o === null || Boolean(o.rna || o.siren),
    {
      error: 'indiquez un numéro RNA ou SIREN',
      path: ['rna'],
      when: () => true,
    },
  );
export type CreateOrganisation = z.infer<typeof createOrganisationSchema>;
export type CreateOrganisationBody = z.input<typeof createOrganisationSchema>;

export const updateOrganisationSchema = z
  .strictObject({
    address: z.string().trim().max(300),
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{5}$/, { error: 'doit comporter 5 chiffres' }),
    communeName: z.string().trim().min(1).max(200),
    insuranceReference: z.string().trim().min(1).max(200),
    insuranceExpiresOn: localDateSchema,
    ...contactFields,
  })
  .partial();
export type UpdateOrganisation = z.infer<typeof updateOrganisationSchema>;

export const organisationQuerySchema = z.strictObject({
  status: organisationStatusSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** `GET /organisation-search`: a name (or part of it), or an RNA or SIREN number, for the staff's filters. */
export const organisationSearchQuerySchema = z.strictObject({
  q: z.string().trim().min(2).max(100),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});

/** An organisation as a staff member's picker lists it: enough to recognise it, nothing about its people. */
export const organisationSummarySchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  rna: z.string().nullable(),
  siren: z.string().nullable(),
  status: organisationStatusSchema,
});
export type OrganisationSummary = z.infer<typeof organisationSummarySchema>;

export const rejectOrganisationSchema = z.strictObject({ reason: z.string().trim().min(3).max(1_000) });
export const MEMBERSHIP_ROLES = ['owner', 'member'] as const;
export const membershipRoleSchema = z.enum(MEMBERSHIP_ROLES);
export type MembershipRole = z.infer<typeof membershipRoleSchema>;
/** `PATCH /organisations/:id/members/:accountId`: people join through invitation links; owners change their role here. */
export const memberRoleSchema = z.strictObject({ role: membershipRoleSchema });

/** `GET /organisations/:id/members`: the name is the one the person's identity provider gave when they joined. */
export const memberViewSchema = z.strictObject({
  accountId: z.uuid(),
  role: membershipRoleSchema,
  displayName: z.string().nullable(),
});
export type MemberView = z.infer<typeof memberViewSchema>;

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/**
 * `POST /organisations/:id/invitations`: an owner invites someone, as owner or member, through a link. With `email`,
 * the link is e-mailed to that address (and not returned); without, it is returned for the owner to pass on.
 */
export const createInvitationSchema = z.strictObject({
  role: membershipRoleSchema.default('member'),
  email: z.email({ error: 'doit être une adresse électronique, par exemple nom@exemple.fr' }).max(254).optional(),
});
export type CreateInvitationBody = z.input<typeof createInvitationSchema>;

/**
 * The secret of an invitation link: 32 random bytes in base64url. The web
 * puts it in the link's fragment and sends it in request bodies, so that no
 * server or proxy log ever records it.
 */
export const invitationTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, { error: 'ce lien d’invitation n’est pas valide\u00a0: copiez-le en entier' });
export const invitationTokenBodySchema = z.strictObject({ token: invitationTokenSchema });

export const invitationViewSchema = z.strictObject({
  id: z.uuid(),
  role: membershipRoleSchema,
  createdAt: utcInstantSchema,
  expiresAt: utcInstantSchema,
});
export type InvitationView = z.infer<typeof invitationViewSchema>;

/**
 * Returned once, at creation: only a hash of the token is kept. An invitation sent by e-mail carries no token here,
 * only the masked address it went to (`sentTo`): the link is in the invitee's mailbox alone.
 */
export const createdInvitationViewSchema = invitationViewSchema.extend({
  token: invitationTokenSchema.optional(),
  sentTo: z.string().optional(),
});
export type CreatedInvitationView = z.infer<typeof createdInvitationViewSchema>;

/** `POST /invitations/lookup`: what the invited person is about to join. */
export const invitationPreviewSchema = z.strictObject({
  organisationId: z.uuid(),
  organisationName: z.string(),
  organisationKind: renterCategorySchema,
  role: membershipRoleSchema,
  expiresAt: utcInstantSchema,
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const organisationViewSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  kind: renterCategorySchema,
  rna: z.string().nullable(),
  siren: z.string().nullable(),
  address: z.string(),
  postalCode: z.string(),
  communeName: z.string(),
  insuranceReference: z.string(),
  insuranceExpiresOn: localDateSchema,
  status: organisationStatusSchema,
  rejectionReason: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable().meta({ description: 'E.164.' }),
  contactEmail: z.string().nullable(),
  contactSmsConsent: z.boolean().meta({ description: 'The contact phone agreed to receive SMS.' }),
  verifiedAt: utcInstantSchema.nullable().meta({ description: 'When the département verified it.' }),
});
export type OrganisationView = z.infer<typeof organisationViewSchema>;

/** A claim on a number a verified organisation holds, arbitrated by the département. */
export const CLAIM_STATUSES = ['pending', 'granted', 'dismissed'] as const;
export const claimStatusSchema = z.enum(CLAIM_STATUSES);
export type ClaimStatus = z.infer<typeof claimStatusSchema>;

/** `POST /organisation-claims`: the number (RNA or SIREN) and why the claimant is its rightful holder. */
export const createClaimSchema = z.strictObject({
  number: z.string().trim().min(1).max(20),
  statement: z.string().trim().min(10).max(2_000),
});
export type CreateClaimBody = z.input<typeof createClaimSchema>;

export const claimQuerySchema = z.strictObject({ status: claimStatusSchema.optional() });

/** `POST /organisation-claims/:id/grant` and `/dismiss`: the reason both parties are given. */
export const decideClaimSchema = z.strictObject({ reason: z.string().trim().min(3).max(1_000) });

export const claimViewSchema = z.strictObject({
  id: z.uuid(),
  number: z.string(),
  statement: z.string(),
  claimantDisplayName: z.string(),
  status: claimStatusSchema,
  organisation: z.strictObject({ id: z.uuid(), name: z.string(), status: organisationStatusSchema }),
  decisionReason: z.string().nullable(),
  createdAt: utcInstantSchema,
  decidedAt: utcInstantSchema.nullable(),
});
export type ClaimView = z.infer<typeof claimViewSchema>;

/** What an admin compares with a declaration: the fields of the official register the check reads. */
export const REGISTER_MISMATCH_FIELDS = ['name', 'postalCode', 'communeName', 'active', 'kind'] as const;
export type RegisterMismatchField = (typeof REGISTER_MISMATCH_FIELDS)[number];

/** `GET /organisations/:id/register-check`: the register's record beside the declaration, never a verdict. */
export const registerCheckViewSchema = z.strictObject({
  found: z.boolean(),
  checkedAt: utcInstantSchema,
  register: z
    .strictObject({
      siren: z.string(),
      rna: z.string().nullable(),
      name: z.string(),
      address: z.string(),
      postalCode: z.string(),
      communeName: z.string(),
      legalForm: z
        .string()
        .meta({ description: 'INSEE legal category, labelled when known (e.g. 9220 Association déclarée).' }),
      activity: z.string().meta({ description: 'NAF code, labelled when known.' }),
      active: z.boolean(),
      isAssociation: z.boolean(),
    })
    .nullable(),
  mismatches: z
    .array(z.enum(REGISTER_MISMATCH_FIELDS))
    .meta({ description: 'Declared fields the register contradicts.' }),
});
export type RegisterCheckView = z.infer<typeof registerCheckViewSchema>;
