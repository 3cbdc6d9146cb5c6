import type { DataSource } from 'typeorm';
import { reply } from '@salle/http';
import type { BookingModuleHandlers } from '../access/access-policy';
import { renderPlanningPdf } from './planning-pdf';
import { PlanningReader } from './planning-reader';

type PlanningOperations =
  'establishmentPlanning' | 'establishmentPlanningPdf' | 'departmentPlanning' | 'departmentPlanningPdf';

const pdf = (body: Buffer, name: string) =>
  reply(body, {
    headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${name}"` },
  });

/** The planning of a collège (its managers) or of the département (admins), as JSON or as a PDF. */
export function planningHandlers(dataSource: DataSource): BookingModuleHandlers<PlanningOperations> {
  const planning = new PlanningReader(dataSource);
  return {
    establishmentPlanning: {
      access: 'signedIn',
      handle: ({ params, query }, { access }) => planning.forEstablishment(params.id, query, access),
    },
    establishmentPlanningPdf: {
      access: 'signedIn',
      handle: async ({ params, query }, { access }) => {
        const view = await planning.forEstablishment(params.id, query, access);
        return pdf(await renderPlanningPdf(view), `planning-${view.from}.pdf`);
      },
    },
    departmentPlanning: {
      access: 'admin',
      handle: ({ query }, { access }) => planning.forDepartment(query, access),
    },
    departmentPlanningPdf: {
      access: 'admin',
      handle: async ({ query }, { access }) => {
        const view = await planning.forDepartment(query, access);
        return pdf(await renderPlanningPdf(view), `planning-departement-${view.from}.pdf`);
      },
    },
  };
}
