import { reply } from '@salle/http';
import type { BookingModuleHandlers } from '../access/access-policy';
import type { ConventionTemplates } from './convention-templates';
import type { ConventionDocument, StoredConventions } from './stored-conventions';

/** A convention's PDF as a download, with the template version and, once issued, the SHA-256 signers refer to. */
function documentReply(document: ConventionDocument) {
  return reply(Buffer.from(document.bytes), {
    attachment: document.fileName,
    headers: {
      'cache-control': 'private, no-store',
      'x-convention-template-version': String(document.templateVersion),
      ...(document.sha256 ? { 'x-convention-sha256': document.sha256 } : {}),
    },
  });
}

/** The convention template (admins) and each booking's convention (or annex) and framework, draft or issued (its parties). */
export function conventionHandlers(
  templates: ConventionTemplates,
  conventions: StoredConventions,
): BookingModuleHandlers<
  'conventionTemplate' | 'replaceConventionTemplate' | 'bookingConvention' | 'bookingFrameworkConvention'
> {
  return {
    conventionTemplate: { access: 'anyone', handle: (_input, { access }) => templates.read(access) },
    replaceConventionTemplate: { access: 'anyone', handle: ({ body }, { access }) => templates.save(body, access) },
    bookingConvention: {
      access: 'anyone',
      handle: async ({ params }, { access }) => documentReply(await conventions.document(params.id, access)),
    },
    bookingFrameworkConvention: {
      access: 'anyone',
      handle: async ({ params }, { access }) => documentReply(await conventions.framework(params.id, access)),
    },
  };
}
