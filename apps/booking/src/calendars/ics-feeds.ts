import ical, { ICalEventStatus } from 'ical-generator';
import type { DataSource } from 'typeorm';
import type { AuditRecord } from '@salle/db';
import type { Access } from '../access/access';
import { memberActor, recordBookingAudit, staffActor } from '../audit/audit-journal';
import { calendarFeedNotFound, establishmentNotFound, organisationNotFound } from '../errors';

const TOKEN = /^[0-9a-f]{64}$/;
const HOLDING_OR_DONE = `('requested', 'approved', 'awaiting_payment', 'confirmed', 'completed')`;

interface FeedRow {
  id: string;
  status: string;
  starts_at: Date;
  ends_at: Date;
  updated_at: Date;
  space_name: string;
  establishment_name: string;
  commune_name: string;
  organisation_name: string;
  purpose: string;
}

type Owner = 'establishment' | 'organisation';

/** The feed's path at this service, for its secret token (the gateway serves it under `/api/booking`). */
export function feedPath(owner: Owner, token: string): string {
  return `/calendars/${owner}s/${token}.ics`;
}

const FEED_SQL = (owner: Owner) => `
  SELECT b.id, b.status, b.starts_at, b.ends_at, b.updated_at, s.name AS space_name,
         e.name AS establishment_name, e.commune_name, o.name AS organisation_name, b.purpose
    FROM booking.booking b
    JOIN booking.space s ON s.id = b.space_id
    JOIN booking.establishment e ON e.id = b.establishment_id
    JOIN booking.organisation o ON o.id = b.organisation_id
   WHERE b.${owner}_id = $1 AND b.status IN ${HOLDING_OR_DONE}
     AND b.ends_at > now() - interval '90 days' AND b.starts_at < now() + interval '400 days'
   ORDER BY b.starts_at`;

/** The audit entry of a rotated link: a collège's by its manager (or an admin), an organisation's by its owner. */
function rotationEntry(owner: Owner, id: string, access: Access): AuditRecord {
  const object = { type: owner, id };
  return owner === 'establishment'
    ? { actor: staffActor(access), action: 'establishment.calendar_link_rotated', object, establishmentId: id }
    : { actor: memberActor(access, id), action: 'organisation.calendar_link_rotated', object, organisationId: id };
}

/**
 * ICS (RFC 5545) feeds of an establishment's or an organisation's bookings,
 * reachable without a session behind an unguessable token that the owner
 * can rotate, so calendar apps can subscribe.
 */
export class IcsFeeds {
  constructor(private readonly dataSource: DataSource) {}

  async render(owner: Owner, token: string): Promise<string> {
    if (!TOKEN.test(token)) throw calendarFeedNotFound();
    const [subject]: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM booking.${owner} WHERE ics_token = $1`,
      [token],
    );
    if (!subject) throw calendarFeedNotFound();
    const rows: FeedRow[] = await this.dataSource.query(FEED_SQL(owner), [subject.id]);
    const calendar = ical({
      name: `Salle sur demande – ${subject.name}`,
      prodId: { company: 'Salle sur demande', product: 'reservations', language: 'FR' },
      // No calendar time zone: without a VTIMEZONE block it would make times floating.
      // UTC instants (…Z) are unambiguous, and every client shows them in local time.
      ttl: 15 * 60,
    });
    for (const row of rows) {
      calendar.createEvent({
        id: `${row.id}@salle-sur-demande`,
        start: row.starts_at,
        end: row.ends_at,
        stamp: row.updated_at,
        summary:
          owner === 'establishment'
            ? `${row.space_name} – ${row.organisation_name}`
            : `${row.space_name} – ${row.establishment_name}`,
        description: row.purpose || undefined,
        location: `${row.establishment_name}, ${row.commune_name}`,
        status: ['confirmed', 'completed'].includes(row.status) ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
      });
    }
    return calendar.toString();
  }

  /** The feed's path, for those who may subscribe: the collège's managers, the organisation's members. */
  async link(owner: Owner, id: string, access: Access): Promise<{ path: string }> {
    this.authorise(owner, id, access, 'read');
    const [row]: { ics_token: string }[] = await this.dataSource.query(
      `SELECT ics_token FROM booking.${owner} WHERE id = $1`,
      [id],
    );
    if (!row) throw owner === 'establishment' ? establishmentNotFound() : organisationNotFound();
    return { path: feedPath(owner, row.ics_token) };
  }

  /**
   * A new token: the old link stops working at once (a leaked link is revoked this way). The audit entry says
   * who revoked the link and when, never either token: the old one may still be out there, the new one is a secret.
   */
  async rotate(owner: Owner, id: string, access: Access): Promise<{ path: string }> {
    this.authorise(owner, id, access, 'rotate');
    return this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `UPDATE booking.${owner} SET ics_token = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') WHERE id = $1 RETURNING ics_token`,
        [id],
      )) as [{ ics_token: string }[], number];
      const row = rows[0];
      if (!row) throw owner === 'establishment' ? establishmentNotFound() : organisationNotFound();
      await recordBookingAudit(manager, rotationEntry(owner, id, access));
      return { path: feedPath(owner, row.ics_token) };
    });
  }

  private authorise(owner: Owner, id: string, access: Access, intent: 'read' | 'rotate') {
    if (owner === 'establishment') {
      access.requireManagerOf(id);
      return;
    }
    access.requireReaderOf(id);
    if (intent === 'rotate') access.requireOwnerOf(id);
    else access.requireMemberOf(id);
  }
}
