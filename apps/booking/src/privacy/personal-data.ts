import type { DataSource } from 'typeorm';
import type { BookingPersonalData } from '@salle/contracts';
import { auditEntriesNaming } from '@salle/db';

const iso = (value: Date | string) => new Date(value).toISOString();

type Query = <T>(sql: string) => Promise<T[]>;
type Uploads = Pick<
  BookingPersonalData,
  'messages' | 'conversationsRead' | 'insuranceCertificates' | 'spacePhotos' | 'paperConventions'
>;

/**
 * What the account wrote in conversations (and up to when it read them) and uploaded (certificates, photos, scans of conventions signed on paper:
 * their records, not the files).
 */
async function uploadsOf(query: Query): Promise<Uploads> {
  const messages = await query<Omit<Uploads['messages'][number], 'createdAt'> & { createdAt: Date }>(
    `SELECT m.booking_id AS "bookingId", m.author_role AS "authorRole", m.author_name AS "authorName", m.body,
            a.file_name AS "attachmentFileName", m.created_at AS "createdAt"
       FROM booking.booking_message m
       LEFT JOIN booking.booking_message_attachment a ON a.message_id = m.id
      WHERE m.author_account_id = $1 ORDER BY m.created_at, m.id`,
  );
  const read = await query<{ bookingId: string; readAt: Date }>(
    `SELECT booking_id AS "bookingId", read_at AS "readAt" FROM booking.booking_message_read
      WHERE account_id = $1 ORDER BY read_at, booking_id`,
  );
  const certificates = await query<Omit<Uploads['insuranceCertificates'][number], 'uploadedAt'> & { uploadedAt: Date }>(
    `SELECT id, organisation_id AS "organisationId", insurer, policy_number AS "policyNumber",
            to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn", file_name AS "fileName", uploaded_at AS "uploadedAt"
       FROM booking.insurance_certificate WHERE uploaded_by = $1 ORDER BY uploaded_at, id`,
  );
  const photos = await query<Omit<Uploads['spacePhotos'][number], 'uploadedAt'> & { uploadedAt: Date }>(
    `SELECT id, space_id AS "spaceId", alt_text AS "altText", uploaded_at AS "uploadedAt"
       FROM booking.space_photo WHERE uploaded_by = $1 ORDER BY uploaded_at, id`,
  );
  const paper = await query<Omit<Uploads['paperConventions'][number], 'recordedAt'> & { recordedAt: Date }>(
    `SELECT id AS "conventionId", booking_id AS "bookingId", series_id AS "seriesId",
            to_char(paper_signed_on, 'YYYY-MM-DD') AS "signedOn", paper_recorded_at AS "recordedAt"
       FROM booking.convention WHERE paper_recorded_by = $1 ORDER BY paper_recorded_at, id`,
  );
  return {
    paperConventions: paper.map((row) => ({ ...row, recordedAt: iso(row.recordedAt) })),
    messages: messages.map((row) => ({ ...row, createdAt: iso(row.createdAt) })),
    conversationsRead: read.map((row) => ({ ...row, readAt: iso(row.readAt) })),
    insuranceCertificates: certificates.map((row) => ({ ...row, uploadedAt: iso(row.uploadedAt) })),
    spacePhotos: photos.map((row) => ({ ...row, uploadedAt: iso(row.uploadedAt) })),
  };
}

type Conventions = Pick<BookingPersonalData, 'conventionSignatures' | 'conventionDelegations' | 'organisationClaims'>;

/** The conventions the account signed online, the delegation it holds to sign them, and its claims on numbers. */
async function signaturesAndClaimsOf(query: Query): Promise<Conventions> {
  const signatures = await query<Omit<Conventions['conventionSignatures'][number], 'signedAt'> & { signedAt: Date }>(
    `SELECT g.convention_id AS "conventionId", c.booking_id AS "bookingId", c.series_id AS "seriesId", g.step,
            g.display_name AS "displayName", g.method, g.assurance_level AS "assuranceLevel",
            g.document_sha256 AS "documentSha256", g.signed_at AS "signedAt"
       FROM booking.convention_signature g JOIN booking.convention c ON c.id = g.convention_id
      WHERE g.signer_account_id = $1 ORDER BY g.signed_at, g.id`,
  );
  const delegations = await query<{ deliberation: string; grantedAt: Date }>(
    `SELECT deliberation, granted_at AS "grantedAt" FROM booking.convention_delegate WHERE account_id = $1`,
  );
  const claims = await query<
    Omit<Conventions['organisationClaims'][number], 'createdAt' | 'decidedAt'> & {
      createdAt: Date;
      decidedAt: Date | null;
    }
  >(
    `SELECT id, organisation_id AS "organisationId", number, claimant_display_name AS "claimantDisplayName",
            statement, status, decision_reason AS "decisionReason", created_at AS "createdAt", decided_at AS "decidedAt"
       FROM booking.organisation_claim WHERE claimant_account_id = $1 ORDER BY created_at, id`,
  );
  return {
    conventionSignatures: signatures.map((row) => ({ ...row, signedAt: iso(row.signedAt) })),
    conventionDelegations: delegations.map((row) => ({ ...row, grantedAt: iso(row.grantedAt) })),
    organisationClaims: claims.map((row) => ({
      ...row,
      createdAt: iso(row.createdAt),
      decidedAt: row.decidedAt ? iso(row.decidedAt) : null,
    })),
  };
}

/**
 * Everything the booking schema holds about one account (right of access): found by the account id, the only
 * key the service knows people by. One read-only transaction, so that the parts agree with each other.
 */
export async function bookingPersonalData(dataSource: DataSource, accountId: string): Promise<BookingPersonalData> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const query = <T>(sql: string) => manager.query(sql, [accountId]) as Promise<T[]>;
    // One after the other: a transaction has one connection.
    const memberships = await query<{
      organisationId: string;
      organisationName: string;
      role: 'owner' | 'member';
      displayName: string | null;
      since: Date;
    }>(
      `SELECT o.id AS "organisationId", o.name AS "organisationName", m.role, m.display_name AS "displayName",
                m.created_at AS since
           FROM booking.membership m JOIN booking.organisation o ON o.id = m.organisation_id
          WHERE m.account_id = $1 ORDER BY m.created_at`,
    );
    const managed = await query<BookingPersonalData['managedEstablishments'][number]>(
      `SELECT e.id AS "establishmentId", e.name AS "establishmentName", em.display_name AS "displayName",
                em.email
           FROM booking.establishment_manager em JOIN booking.establishment e ON e.id = em.establishment_id
          WHERE em.account_id = $1 ORDER BY e.name`,
    );
    const bookings = await query<
      Omit<BookingPersonalData['bookings'][number], 'startsAt' | 'endsAt' | 'createdAt'> & Record<string, Date>
    >(
      `SELECT id, organisation_id AS "organisationId", space_id AS "spaceId", starts_at AS "startsAt",
                ends_at AS "endsAt", status, purpose, created_at AS "createdAt",
                CASE WHEN requested_by = $1 THEN 'requested' ELSE 'decided' END AS role
           FROM booking.booking WHERE requested_by = $1 OR decided_by = $1 ORDER BY created_at`,
    );
    const series = await query<{ id: string; organisationId: string; createdAt: Date }>(
      `SELECT id, organisation_id AS "organisationId", created_at AS "createdAt"
           FROM booking.series WHERE requested_by = $1 ORDER BY created_at`,
    );
    const invitations = await query<{ organisationId: string; role: 'created' | 'accepted'; createdAt: Date }>(
      `SELECT organisation_id AS "organisationId", created_at AS "createdAt",
                CASE WHEN created_by = $1 THEN 'created' ELSE 'accepted' END AS role
           FROM booking.organisation_invitation WHERE created_by = $1 OR accepted_by = $1 ORDER BY created_at`,
    );
    const audit = await query<BookingPersonalData['auditEntries'][number] & { at: Date }>(
      `SELECT booking_id AS "bookingId", at, actor_role AS "actorRole", from_status AS "fromStatus",
                to_status AS "toStatus", reason
           FROM booking.audit_entry WHERE actor_account_id = $1 ORDER BY at, id`,
    );
    const uploads = await uploadsOf(query);
    const conventions = await signaturesAndClaimsOf(query);
    const auditLog = await auditEntriesNaming(manager, 'booking', 'booking', accountId);
    return {
      ...uploads,
      ...conventions,
      auditLog,
      memberships: memberships.map((row) => ({ ...row, since: iso(row.since) })),
      managedEstablishments: managed,
      bookings: bookings.map((row) => ({
        ...row,
        startsAt: iso(row['startsAt'] as Date),
        endsAt: iso(row['endsAt'] as Date),
        createdAt: iso(row['createdAt'] as Date),
      })),
      series: series.map((row) => ({ ...row, createdAt: iso(row.createdAt) })),
      invitations: invitations.map((row) => ({ ...row, createdAt: iso(row.createdAt) })),
      auditEntries: audit.map((row) => ({ ...row, at: iso(row.at) })),
    };
  });
}
