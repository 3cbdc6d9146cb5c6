import type { DataSource } from 'typeorm';
import type { DepartmentAdmins } from '@salle/contracts';

/**
 * The département's admins (the ProConnect agents whose e-mail is in `DEPARTMENT_ADMIN_EMAILS`) who have logged in
 * at least once, so have an account id the services know; by the name ProConnect gave at their last login (the
 * session's display name: given name and usual name).
 */
export async function listDepartmentAdmins(
  dataSource: DataSource,
  adminEmails: readonly string[],
): Promise<DepartmentAdmins['items']> {
  if (!adminEmails.length) return [];
  const rows = (await dataSource.query(
    `SELECT id AS "accountId", concat_ws(' ', claims->>'given_name', claims->>'usual_name') AS "displayName",
            lower(claims->>'email') AS email
       FROM gateway.account
      WHERE provider = 'proconnect' AND lower(claims->>'email') = ANY($1::text[])
      ORDER BY claims->>'usual_name', claims->>'given_name', id`,
    [adminEmails.map((email) => email.toLowerCase())],
  )) as DepartmentAdmins['items'];
  return rows;
}
