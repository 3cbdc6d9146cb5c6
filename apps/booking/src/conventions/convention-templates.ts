import type { DataSource } from 'typeorm';
import { conventionTemplateSchema, type ConventionTemplate, type ConventionTemplateView } from '@salle/contracts';
import type { Access } from '../access/access';
import { recordBookingAudit, staffActor } from '../audit/audit-journal';
import { DEFAULT_CONVENTION_TEMPLATE } from './default-template';

interface TemplateRow {
  version: number;
  content: unknown;
  created_at: Date;
}

/** The département's convention template: append-only versions, the highest in force, version 0 the defaults. */
export class ConventionTemplates {
  constructor(private readonly dataSource: DataSource) {}

  /** The template in force, for any convention to be made (no rights: the caller's were checked for the booking). */
  async inForce(): Promise<ConventionTemplateView> {
    const [row] = (await this.dataSource.query(
      `SELECT version, content, created_at FROM booking.convention_template ORDER BY version DESC LIMIT 1`,
    )) as TemplateRow[];
    if (!row) return { ...DEFAULT_CONVENTION_TEMPLATE, version: 0, createdAt: null };
    return {
      ...conventionTemplateSchema.parse(row.content),
      version: row.version,
      createdAt: row.created_at.toISOString(),
    };
  }

  async read(access: Access): Promise<ConventionTemplateView> {
    access.requireAdmin();
    return this.inForce();
  }

  /** A new version; two admins saving at once get consecutive versions (the table is locked for the insert). */
  async save(template: ConventionTemplate, access: Access): Promise<ConventionTemplateView> {
    const caller = access.requireAdmin();
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE booking.convention_template IN SHARE ROW EXCLUSIVE MODE`);
      const [row] = (await manager.query(
        `INSERT INTO booking.convention_template (version, content, created_by)
         SELECT coalesce(max(version), 0) + 1, $1::jsonb, $2 FROM booking.convention_template
         RETURNING version, created_at`,
        [JSON.stringify(template), caller.accountId],
      )) as TemplateRow[];
      if (!row) throw new Error('the template version was not recorded');
      // Versions are consecutive (the table is locked): the one replaced is the previous number, 0 the defaults.
      await recordBookingAudit(manager, {
        actor: staffActor(access),
        action: 'convention_template.replaced',
        object: { type: 'convention_template', id: String(row.version) },
        changes: { version: { before: row.version - 1, after: row.version } },
      });
      return { ...template, version: row.version, createdAt: row.created_at.toISOString() };
    });
  }
}
