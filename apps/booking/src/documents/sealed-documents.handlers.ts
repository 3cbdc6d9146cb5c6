import { reply } from '@salle/http';
import type { BookingModuleHandlers } from '../access/access-policy';
import type { ConventionLinks } from './convention-links';
import { verifyConventionFile } from './convention-verification';
import { extensionOf } from './certificate-file';

const ATTACHMENTS = { issued: 'convention.pdf', sealed: 'convention-signee.pdf' } as const;

/** The raw body is capped a little above the 10 Mo rule, so that the rule's French message answers first. */
export const VERIFICATION_BODY_LIMIT = '11mb';

/** The public verification of a sealed convention, and the signed-link download of an issued one. */
export function sealedDocumentHandlers(
  links: ConventionLinks,
  trustedSealCertificates: string[],
): BookingModuleHandlers<'verifyConvention' | 'signedConventionDownload'> {
  return {
    verifyConvention: {
      access: 'anyoneRawBody',
      rawBody: { limit: VERIFICATION_BODY_LIMIT },
      handle: ({ body }) => verifyConventionFile(new Uint8Array(body as Buffer), trustedSealCertificates),
    },
    signedConventionDownload: {
      access: 'public',
      handle: async ({ params, query }) => {
        const { bytes, kind, contentType } = await links.download(params.id, query);
        return reply(Buffer.from(bytes), {
          attachment: kind === 'paper' ? `convention-signee-papier.${extensionOf(contentType)}` : ATTACHMENTS[kind],
          headers: {
            'content-type': contentType,
            'x-content-type-options': 'nosniff',
            'cache-control': 'private, no-store',
          },
        });
      },
    },
  };
}
