import { z } from 'zod';
import { localDateSchema, utcInstantSchema, uuidSchema } from './common';

/** The largest insurance certificate accepted, in bytes (5 Mo). */
export const INSURANCE_CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024;

/** The formats accepted for an insurance certificate, recognised from the file's bytes, with what people call them. */
export const INSURANCE_CERTIFICATE_TYPES = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
} as const;
export type InsuranceCertificateType = keyof typeof INSURANCE_CERTIFICATE_TYPES;

/**
 * `POST /organisations/:id/insurance-certificate`: the body is the file's bytes as they are (any
 * Content-Type: the service recognises the type from the content), what the certificate says is in the query.
 */
export const uploadInsuranceCertificateQuerySchema = z.strictObject({
  insurer: z.string().trim().min(1, { error: 'indiquez l’assureur' }).max(200),
  policyNumber: z.string().trim().min(1, { error: 'indiquez le numéro de contrat' }).max(100),
  expiresOn: localDateSchema,
  /** The name of the chosen file, shown back and offered as the download's name. */
  fileName: z.string().min(1).max(200),
});
export type UploadInsuranceCertificateQuery = z.infer<typeof uploadInsuranceCertificateQuerySchema>;

export const insuranceCertificateViewSchema = z.strictObject({
  id: uuidSchema,
  organisationId: uuidSchema,
  insurer: z.string(),
  policyNumber: z.string(),
  /** The last day the certificate covers. */
  expiresOn: localDateSchema,
  fileName: z.string(),
  contentType: z.enum(Object.keys(INSURANCE_CERTIFICATE_TYPES) as [InsuranceCertificateType]),
  sizeBytes: z.number().int().positive(),
  uploadedAt: utcInstantSchema,
});
export type InsuranceCertificateView = z.infer<typeof insuranceCertificateViewSchema>;
