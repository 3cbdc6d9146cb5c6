import type { DataSource } from 'typeorm';
import type { OrganisationSummary } from '@salle/contracts';
import type { Access } from '../access/access';
import { containsPattern, foldedLike } from '../database/text-search';

/**
 * The organisations a staff member may pick in a filter (the audit log's), by part of their name (whatever its case
 * and accents) or their exact RNA or SIREN: département admins any; a collège's manager only those that booked or
 * asked to book at a collège they manage (as the requester panel shows them), so that the search reveals no other
 * organisation. By name.
 */
export async function searchOrganisations(
  dataSource: DataSource,
  query: { q: string; limit: number },
  access: Access,
): Promise<{ items: OrganisationSummary[] }> {
  access.requireSomeManagement();
  const parameters: unknown[] = [
    containsPattern(query.q),
    // Identifiers are typed with spaces at times (« 123 456 789 »), and RNA numbers in lower case.
    query.q.replace(/\s+/g, '').toUpperCase(),
    query.limit,
  ];
  let scope = '';
  if (!access.isAdmin) {
    parameters.push(access.establishmentIds);
    scope = `AND EXISTS (SELECT 1 FROM booking.booking b
                          WHERE b.organisation_id = o.id AND b.establishment_id = ANY($4::uuid[]))`;
  }
  const items = (await dataSource.query(
    `SELECT o.id, o.name, o.rna, o.siren, o.status FROM booking.organisation o
      WHERE (${foldedLike('o.name', '$1')} OR o.rna = $2 OR o.siren = $2) ${scope}
      ORDER BY o.name, o.id LIMIT $3`,
    parameters,
  )) as OrganisationSummary[];
  return { items };
}
