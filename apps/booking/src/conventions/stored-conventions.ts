import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import { RETENTION_PERIODS, type BookingStatus } from '@salle/contracts';
import { objectKey, type ObjectStore } from '@salle/storage';
import type { Access } from '../access/access';
import { conventionNoLongerKept } from '../errors';
import { CONVENTION_LAST_SESSION_END, conventionCutoff } from '../privacy/convention-retention';
import { BookingEntity } from '../database/entities';
import { conventionData, type ConventionData } from './convention-data';
import { CONVENTION_OF_BOOKING } from './convention-signing-state';
import { announceIssued } from './convention-events';
import { renderConvention } from './convention-pdf';
import type { ConventionTemplates } from './convention-templates';

/**
 * While approved and afterwards, a booking's convention is the stored one. Before approval, and once refused, expired or
 * cancelled, the parties see a draft, never shown as a valid document (the stored file is kept for the record).
 */
const ISSUED_IN: readonly BookingStatus[] = ['approved', 'awaiting_payment', 'confirmed', 'completed'];

/** Whether a booking in `status` has its issued convention (otherwise its parties see a draft, without value). */
export function isIssued(status: BookingStatus): boolean {
  return ISSUED_IN.includes(status);
}

/** Called once an approval has committed (the booking handlers know nothing of conventions beyond this). */
export type AfterApproval = (bookingId: string, access: Access) => Promise<void>;

export interface ConventionDocument {
  bytes: Uint8Array;
  fileName: string;
  /** Set for an issued convention: the SHA-256 of the stored bytes, which signatures will refer to. */
  sha256: string | null;
  templateVersion: number;
}

interface ConventionRow {
  sha256: string;
  storage_key: string;
  template_version: number;
}

/**
 * Each approved booking's convention (its series' for a series), made once from the template then in force and
 * kept in the object store with its SHA-256: later template edits never change a convention already issued.
 */
export class StoredConventions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ObjectStore,
    private readonly templates: ConventionTemplates,
    /** BOOKING_CONVENTION_DELETE_AFTER_YEARS: a convention the retention job deleted is never issued again. */
    private readonly keptYears: number = RETENTION_PERIODS.BOOKING_CONVENTION_DELETE_AFTER_YEARS.default,
    /** Conventions are signed online: an issued one is announced (`convention.issued`), its owners sign first. */
    private readonly announceIssued = false,
  ) {}

  /** The convention of `bookingId` for one of its parties (404 otherwise): the issued one, or a draft. */
  async document(bookingId: string, access: Access): Promise<ConventionDocument> {
    const data = await conventionData(this.dataSource, bookingId, access);
    const booking = await this.dataSource.getRepository(BookingEntity).findOneByOrFail({ id: bookingId });
    if (!ISSUED_IN.includes(booking.status)) {
      const template = await this.templates.inForce();
      const bytes = await renderConvention(template, data, 'draft');
      return {
        bytes,
        fileName: `projet-convention-${data.reference}.pdf`,
        sha256: null,
        templateVersion: template.version,
      };
    }
    const row = (await this.find(booking)) ?? (await this.issueWhileKept(booking, data));
    const stored = await this.store.get(row.storage_key);
    if (!stored) throw new Error('the stored convention is missing from the object store');
    return {
      bytes: stored.body,
      fileName: `convention-${data.reference}.pdf`,
      sha256: row.sha256,
      templateVersion: row.template_version,
    };
  }

  /**
   * Issues the convention right after an approval committed, so that its bytes are fixed from the decision on. A
   * failure here does not undo the approval: it is logged and the convention is issued at its first download instead.
   */
  async issueAfterApproval(bookingId: string, access: Access, logger: Logger): Promise<void> {
    try {
      await this.document(bookingId, access);
    } catch (error) {
      logger.warn({ bookingId, err: error }, 'the convention could not be issued at approval');
    }
  }

  private async find(booking: BookingEntity): Promise<ConventionRow | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT sha256, storage_key, template_version FROM booking.convention
       WHERE ${CONVENTION_OF_BOOKING}`,
      [booking.seriesId, booking.id],
    )) as ConventionRow[];
    return row;
  }

  /** Issues the convention, unless its last session ended so long ago that the retention job deleted it. */
  private async issueWhileKept(booking: BookingEntity, data: ConventionData): Promise<ConventionRow> {
    const [session] = (await this.dataSource.query(
      `SELECT ${CONVENTION_LAST_SESSION_END} AS "lastEnd" FROM (SELECT $1::uuid AS booking_id, $2::uuid AS series_id) c`,
      [booking.seriesId ? null : booking.id, booking.seriesId],
    )) as { lastEnd: Date | null }[];
    const lastEnd = session?.lastEnd;
    if (lastEnd && lastEnd < conventionCutoff(new Date(), this.keptYears)) throw conventionNoLongerKept();
    return this.issue(booking, data);
  }

  /** Renders and stores the convention; when two requests race, the first row wins and the loser's file is removed. */
  private async issue(booking: BookingEntity, data: ConventionData): Promise<ConventionRow> {
    const template = await this.templates.inForce();
    const bytes = await renderConvention(template, data, 'issued');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = objectKey('conventions', randomUUID());
    await this.store.put(key, bytes, 'application/pdf');
    const row = await this.dataSource.transaction(async (manager) => {
      const [inserted] = (await manager.query(
        `INSERT INTO booking.convention (booking_id, series_id, template_version, sha256, storage_key)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING
         RETURNING id, sha256, storage_key, template_version`,
        [booking.seriesId ? null : booking.id, booking.seriesId, template.version, sha256, key],
      )) as (ConventionRow & { id: string })[];
      if (inserted && this.announceIssued) await announceIssued(manager, booking, inserted.id);
      return inserted;
    });
    if (row) return row;
    await this.store.delete(key);
    const winner = await this.find(booking);
    if (!winner) throw new Error('the convention was neither issued nor found');
    return winner;
  }
}
