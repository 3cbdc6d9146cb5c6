import type { DataSource } from 'typeorm';
import { reply } from '@salle/http';
import type { ObjectStore } from '@salle/storage';
import type { BookingModuleHandlers } from '../access/access-policy';
import { InsuranceCertificates } from './insurance-certificates';

/** Uploads read the file's bytes themselves: the raw body is capped a little above the 5 Mo rule, so the rule's French message answers first. */
export const INSURANCE_UPLOAD_BODY_LIMIT = '6mb';

/** The insurance certificates: upload (owners), read and download (members, managers asked to host them, admins). */
export function insuranceHandlers(
  dataSource: DataSource,
  store: ObjectStore,
): BookingModuleHandlers<'uploadInsuranceCertificate' | 'insuranceCertificate' | 'insuranceCertificateFile'> {
  const certificates = new InsuranceCertificates(dataSource, store);
  return {
    uploadInsuranceCertificate: {
      access: 'anyoneRawBody',
      rawBody: { limit: INSURANCE_UPLOAD_BODY_LIMIT },
      handle: ({ params, query, body }, { access }) =>
        certificates.upload(params.id, query, new Uint8Array(body as Buffer), access),
    },
    insuranceCertificate: {
      access: 'anyone',
      handle: ({ params }, { access }) => certificates.current(params.id, access),
    },
    insuranceCertificateFile: {
      access: 'anyone',
      handle: async ({ params }, { access }) => {
        const file = await certificates.file(params.id, access);
        return reply(Buffer.from(file.bytes), {
          attachment: file.fileName,
          headers: {
            'content-type': file.contentType,
            'x-content-type-options': 'nosniff',
            'cache-control': 'private, no-store',
          },
        });
      },
    },
  };
}
