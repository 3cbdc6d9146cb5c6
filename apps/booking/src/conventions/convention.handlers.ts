import type { DataSource } from 'typeorm';
import { reply } from '@salle/http';
import type { BookingModuleHandlers } from '../access/access-policy';
import { conventionData } from './convention-data';
import { renderDraftConvention } from './convention-pdf';
import { ConventionTemplates } from './convention-templates';

/** The convention template (admins) and each booking's draft convention (its parties). */
export function conventionHandlers(
  dataSource: DataSource,
): BookingModuleHandlers<'conventionTemplate' | 'replaceConventionTemplate' | 'bookingConvention'> {
  const templates = new ConventionTemplates(dataSource);
  return {
    conventionTemplate: { access: 'anyone', handle: (_input, { access }) => templates.read(access) },
    replaceConventionTemplate: { access: 'anyone', handle: ({ body }, { access }) => templates.save(body, access) },
    bookingConvention: {
      access: 'anyone',
      handle: async ({ params }, { access }) => {
        const data = await conventionData(dataSource, params.id, access);
        const pdf = await renderDraftConvention(await templates.inForce(), data);
        return reply(Buffer.from(pdf), {
          attachment: `projet-convention-${data.reference}.pdf`,
          headers: { 'cache-control': 'private, no-store' },
        });
      },
    },
  };
}
