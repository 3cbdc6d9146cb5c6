import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import { RETENTION_PERIODS, type BookingStatus, type ConventionMode } from '@salle/contracts';
import { objectKey, type ObjectStore } from '@salle/storage';
import type { Access } from '../access/access';
import { conventionNoLongerKept, frameworkConventionNotFound } from '../errors';
import { schoolYearOf } from '../domain/time';
import { CONVENTION_LAST_SESSION_END, conventionCutoff } from '../privacy/convention-retention';
import { BookingEntity } from '../database/entities';
import { conventionData, frameworkReference, type ConventionData } from './convention-data';
import { frameworkFor, type ConventionRecord } from './convention-signatures';
import { renderAnnex, renderFramework, type FrameworkReference } from './framework-pdf';
import { CONVENTION_OF_BOOKING } from './convention-signing-state';
import { announceIssued } from './convention-events';
import { renderConvention } from './convention-pdf';
import type { ConventionTemplates } from './convention-templates';
import type { ConventionTemplateView } from '@salle/contracts';

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
  id: string;
  sha256: string;
  storage_key: string;
  template_version: number;
  kind: ConventionRecord['kind'];
  framework_id: string | null;
}

const ROW = 'id, sha256, storage_key, template_version, kind, framework_id';

/** How an annex names its framework, from the framework's row. */
const referenceOf = (framework: ConventionRecord): FrameworkReference => ({
  reference: frameworkReference(framework),
  schoolYear: framework.schoolYear ?? 0,
  sha256: framework.sha256,
});

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
    /** CONVENTION_MODE: `framework` makes an annex per booking or series, and the year's framework with the first. */
    private readonly mode: ConventionMode = 'per_booking',
  ) {}

  /** The convention of `bookingId` (its annex in framework mode) for one of its parties (404 otherwise): issued or draft. */
  async document(bookingId: string, access: Access): Promise<ConventionDocument> {
    const data = await conventionData(this.dataSource, bookingId, access);
    const booking = await this.dataSource.getRepository(BookingEntity).findOneByOrFail({ id: bookingId });
    if (!ISSUED_IN.includes(booking.status)) {
      const template = await this.templates.inForce();
      const bytes =
        this.mode === 'framework'
          ? await renderAnnex(template, data, await this.draftFrameworkReference(booking, data), 'draft')
          : await renderConvention(template, data, 'draft');
      const name = this.mode === 'framework' ? 'projet-annexe' : 'projet-convention';
      return { bytes, fileName: `${name}-${data.reference}.pdf`, sha256: null, templateVersion: template.version };
    }
    const row = (await this.find(booking)) ?? (await this.issueWhileKept(booking, data));
    const name = row.kind === 'annex' ? 'annexe' : 'convention';
    return this.stored(row.storage_key, `${name}-${data.reference}.pdf`, row.sha256, row.template_version);
  }

  /**
   * The framework convention that the annex of `bookingId` refers to, for the booking's parties: issued with the
   * annex (at the year's first approval), or a draft before approval when the year has none yet. 404 when the
   * booking has its own convention (per-booking mode, or made before the département chose the framework).
   */
  async framework(bookingId: string, access: Access): Promise<ConventionDocument> {
    const data = await conventionData(this.dataSource, bookingId, access);
    const booking = await this.dataSource.getRepository(BookingEntity).findOneByOrFail({ id: bookingId });
    const own = ISSUED_IN.includes(booking.status)
      ? ((await this.find(booking)) ?? (await this.issueWhileKept(booking, data)))
      : await this.find(booking);
    if (own && own.kind !== 'annex') throw frameworkConventionNotFound();
    if (!own && this.mode !== 'framework') throw frameworkConventionNotFound();
    const framework = own
      ? await this.frameworkById(own.framework_id)
      : await frameworkFor(this.dataSource.manager, this.frameworkKey(booking, data));
    if (framework) {
      const fileName = `convention-cadre-${frameworkReference(framework)}.pdf`;
      return this.stored(framework.storageKey, fileName, framework.sha256, framework.templateVersion);
    }
    const template = await this.templates.inForce();
    const reference = await this.draftFrameworkReference(booking, data);
    const bytes = await renderFramework(template, data, reference, 'draft');
    return {
      bytes,
      fileName: `projet-convention-cadre-${reference.schoolYear}.pdf`,
      sha256: null,
      templateVersion: template.version,
    };
  }

  private async stored(key: string, fileName: string, sha256: string, templateVersion: number) {
    const stored = await this.store.get(key);
    if (!stored) throw new Error('the stored convention is missing from the object store');
    return { bytes: stored.body, fileName, sha256, templateVersion };
  }

  /** The school year's framework a draft annex refers to: the one issued already, or one still to be made. */
  private async draftFrameworkReference(booking: BookingEntity, data: ConventionData): Promise<FrameworkReference> {
    const key = this.frameworkKey(booking, data);
    const framework = await frameworkFor(this.dataSource.manager, key);
    return framework ? referenceOf(framework) : { reference: 'à établir', schoolYear: key.schoolYear, sha256: null };
  }

  /** The framework a booking belongs to: its organisation at its collège, for the school year of its first session. */
  private frameworkKey(booking: BookingEntity, data: ConventionData) {
    const first = data.occurrences[0]?.startsAt ?? booking.startsAt;
    return {
      organisationId: booking.organisationId,
      establishmentId: booking.establishmentId,
      schoolYear: schoolYearOf(first),
    };
  }

  private async frameworkById(id: string | null): Promise<ConventionRecord | null> {
    const [row] = (await this.dataSource.query(
      `SELECT organisation_id AS "organisationId", establishment_id AS "establishmentId", school_year AS "schoolYear"
         FROM booking.convention WHERE id = $1`,
      [id],
    )) as { organisationId: string; establishmentId: string; schoolYear: number }[];
    return row ? frameworkFor(this.dataSource.manager, row) : null;
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
    const [row] = (await this.dataSource.query(`SELECT ${ROW} FROM booking.convention WHERE ${CONVENTION_OF_BOOKING}`, [
      booking.seriesId,
      booking.id,
    ])) as ConventionRow[];
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

  /**
   * Renders and stores the convention (in framework mode: the annex, after the year's framework); when two requests
   * race, the first row wins and the loser's file is removed.
   */
  private async issue(booking: BookingEntity, data: ConventionData): Promise<ConventionRow> {
    const template = await this.templates.inForce();
    const framework = this.mode === 'framework' ? await this.issueFramework(booking, data, template) : null;
    const bytes = framework
      ? await renderAnnex(template, data, referenceOf(framework), 'issued')
      : await renderConvention(template, data, 'issued');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = objectKey('conventions', randomUUID());
    await this.store.put(key, bytes, 'application/pdf');
    const row = await this.dataSource.transaction(async (manager) => {
      const [inserted] = (await manager.query(
        `INSERT INTO booking.convention (booking_id, series_id, template_version, sha256, storage_key, kind, framework_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
         RETURNING ${ROW}`,
        [
          booking.seriesId ? null : booking.id,
          booking.seriesId,
          template.version,
          sha256,
          key,
          framework ? 'annex' : 'convention',
          framework?.id ?? null,
        ],
      )) as ConventionRow[];
      if (inserted && this.announceIssued) await announceIssued(manager, booking, inserted.id);
      return inserted;
    });
    if (row) return row;
    await this.store.delete(key);
    const winner = await this.find(booking);
    if (!winner) throw new Error('the convention was neither issued nor found');
    return winner;
  }

  /**
   * The framework of the booking's organisation at its collège for the school year of its first session, made now if
   * it is the year's first: one row per organisation, collège and year (a unique index), so that two approvals at
   * once store one framework, the loser removing its file and taking the winner's.
   */
  private async issueFramework(
    booking: BookingEntity,
    data: ConventionData,
    template: ConventionTemplateView,
  ): Promise<ConventionRecord> {
    const frameworkKey = this.frameworkKey(booking, data);
    const existing = await frameworkFor(this.dataSource.manager, frameworkKey);
    if (existing) return existing;
    const id = randomUUID();
    const reference = { reference: frameworkReference({ id, schoolYear: frameworkKey.schoolYear }), sha256: null };
    const bytes = await renderFramework(
      template,
      data,
      { ...reference, schoolYear: frameworkKey.schoolYear },
      'issued',
    );
    const key = objectKey('conventions', randomUUID());
    await this.store.put(key, bytes, 'application/pdf');
    const won = await this.dataSource.transaction(async (manager) => {
      const [inserted] = (await manager.query(
        `INSERT INTO booking.convention
           (id, kind, organisation_id, establishment_id, school_year, template_version, sha256, storage_key)
         VALUES ($1, 'framework', $2, $3, $4, $5, $6, $7)
         ON CONFLICT (organisation_id, establishment_id, school_year) WHERE kind = 'framework' DO NOTHING
         RETURNING id`,
        [
          id,
          frameworkKey.organisationId,
          frameworkKey.establishmentId,
          frameworkKey.schoolYear,
          template.version,
          createHash('sha256').update(bytes).digest('hex'),
          key,
        ],
      )) as { id: string }[];
      if (inserted && this.announceIssued) await announceIssued(manager, booking, inserted.id);
      return inserted !== undefined;
    });
    if (!won) await this.store.delete(key);
    const framework = await frameworkFor(this.dataSource.manager, frameworkKey);
    if (!framework) throw new Error('the framework convention was neither issued nor found');
    return framework;
  }
}
