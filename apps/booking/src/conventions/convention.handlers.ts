import { reply } from '@salle/http';
import type { BookingModuleHandlers } from '../access/access-policy';
import type { ConventionTemplates } from './convention-templates';
import type { StoredConventions } from './stored-conventions';

/** The convention template (admins) and each booking's convention, draft or issued (its parties). */
export function conventionHandlers(
  templates: ConventionTemplates,
  conventions: StoredConventions,
): BookingModuleHandlers<'conventionTemplate' | 'replaceConventionTemplate' | 'bookingConvention'> {
  return {
    conventionTemplate: { access: 'anyone', handle: (_input, { access }) => templates.read(access) },
    replaceConventionTemplate: { access: 'anyone', handle: ({ body }, { access }) => templates.save(body, access) },
    bookingConvention: {
      access: 'anyone',
      handle: async ({ params }, { access }) => {
        const document = await conventions.document(params.id, access);
        return reply(Buffer.from(document.bytes), {
          attachment: document.fileName,
          headers: {
            'cache-control': 'private, no-store',
            'x-convention-template-version': String(document.templateVersion),
            ...(document.sha256 ? { 'x-convention-sha256': document.sha256 } : {}),
          },
        });
      },
    },
  };
}
