import { createOrganisationSchema, type CreateOrganisationBody, type FieldError } from '@salle/contracts';
import { issuesToFieldErrors } from '../../lib/form-errors';

export interface OrganisationForm {
  name: string;
  kind: string;
  identifierType: 'rna' | 'siren';
  identifier: string;
  address: string;
  postalCode: string;
  communeName: string;
  notReligious: boolean;
  notPolitical: boolean;
  notProfitMaking: boolean;
  republicanContractAcknowledged: boolean;
  insuranceReference: string;
  insuranceExpiresOn: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  contactSmsConsent: boolean;
}

export const EMPTY_ORGANISATION_FORM: OrganisationForm = {
  name: '',
  kind: 'association',
  identifierType: 'rna',
  identifier: '',
  address: '',
  postalCode: '',
  communeName: '',
  notReligious: false,
  notPolitical: false,
  notProfitMaking: false,
  republicanContractAcknowledged: false,
  insuranceReference: '',
  insuranceExpiresOn: '',
  contactName: '',
  contactPhone: '',
  contactEmail: '',
  contactSmsConsent: false,
};

export const ORGANISATION_FIELDS: Record<string, string> = {
  name: 'Nom de l’organisation',
  kind: 'Type d’organisation',
  identifier: 'Numéro RNA ou SIREN',
  address: 'Adresse',
  postalCode: 'Code postal',
  communeName: 'Commune',
  'eligibility.notReligious': 'Objet non cultuel',
  'eligibility.notPolitical': 'Objet non politique',
  'eligibility.notProfitMaking': 'Activité non lucrative',
  republicanContractAcknowledged: 'Contrat d’engagement républicain',
  insuranceReference: 'Référence du contrat d’assurance',
  insuranceExpiresOn: 'Fin de validité de l’assurance',
  contactName: 'Nom de la personne à contacter',
  contactPhone: 'Téléphone',
  contactEmail: 'Adresse e-mail',
  contactSmsConsent: 'SMS',
};

export const ORGANISATION_ALIASES: Record<string, string> = {
  rna: 'identifier',
  siren: 'identifier',
  eligibility: 'eligibility.notReligious',
};

/** The declaration as the service expects it; the same schema checks it here first, so every mistake shows at once. */
export function buildOrganisationDeclaration(
  form: OrganisationForm,
): { ok: true; body: CreateOrganisationBody } | { ok: false; errors: FieldError[] } {
  const identifier = form.identifier.replace(/\s+/g, '').toUpperCase();
  const body = {
    name: form.name,
    kind: form.kind,
    rna: form.identifierType === 'rna' && identifier ? identifier : undefined,
    siren: form.identifierType === 'siren' && identifier ? identifier : undefined,
    address: form.address,
    postalCode: form.postalCode,
    communeName: form.communeName,
    eligibility: {
      notReligious: form.notReligious,
      notPolitical: form.notPolitical,
      notProfitMaking: form.notProfitMaking,
    },
    republicanContractAcknowledged: form.republicanContractAcknowledged,
    insuranceReference: form.insuranceReference,
    insuranceExpiresOn: form.insuranceExpiresOn,
    // Each optional: left out when empty.
    contactName: form.contactName.trim() || undefined,
    contactPhone: form.contactPhone.trim() || undefined,
    contactEmail: form.contactEmail.trim() || undefined,
    // Asked only when ticked: the service then checks the number reaches a mobile phone.
    contactSmsConsent: form.contactSmsConsent || undefined,
  };
  const checked = createOrganisationSchema.safeParse(body);
  if (!checked.success) return { ok: false, errors: issuesToFieldErrors(checked.error.issues) };
  return { ok: true, body: body as CreateOrganisationBody };
}
