import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ConventionSigningView, RecordPaperConventionQuery } from '@salle/contracts';
import { objectKey, type ObjectStore } from '@salle/storage';
import type { Access } from '../access/access';
import { actorFor } from '../bookings/booking-actor';
import type { BookingLifecycle } from '../bookings/booking-lifecycle';
import { BookingEntity } from '../database/entities';
import { checkCertificateFile, extensionOf } from '../documents/certificate-file';
import { refusalError } from '../documents/insurance-certificates';
import { putUpload } from '../documents/scanned-store';
import { decidePaperRecord, paperDateRefusal } from '../domain/convention-signing';
import { parisToday } from '../domain/time';
import {
  bookingNotFound,
  conventionNotIssued,
  conventionSigningOff,
  frameworkConventionNotFound,
  paperRecordRefused,
  paperScanNotFound,
} from '../errors';
import type { Logger } from '@salle/runtime';
import { ConventionCompletion } from './convention-completion';
import { conventionReference, frameworkReference } from './convention-data';
import { findConvention, findFramework } from './convention-signatures';
import type { ConventionPart, ConventionSigning, SigningSettings } from './convention-signing';
import { isIssued, type StoredConventions } from './stored-conventions';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Conventions signed on paper at the collège: a manager of the collège (or an admin) records the scan, which completes
 * the convention as its last online signature would (`ConventionCompletion`: `convention.completed`, the bookings
 * that waited move on). The scan is checked whole like an insurance certificate before anything is stored, stored
 * once with its SHA-256, and the row, the audit entry and the events are written in one transaction; a refusal
 * there removes the file. The parties download it like the sealed PDF it stands for.
 */
export class PaperConventions {
  private readonly completion: ConventionCompletion;

  constructor(
    private readonly dataSource: DataSource,
    private readonly conventions: StoredConventions,
    private readonly signing: ConventionSigning,
    private readonly store: ObjectStore,
    private readonly settings: Pick<SigningSettings, 'mode' | 'linkSecret'>,
    lifecycle: BookingLifecycle,
    logger: Logger,
  ) {
    this.completion = new ConventionCompletion(lifecycle, settings.linkSecret, logger);
  }

  async record(
    bookingId: string,
    details: RecordPaperConventionQuery,
    bytes: Uint8Array,
    access: Access,
    requestId?: string,
  ): Promise<ConventionSigningView> {
    const part: ConventionPart = details.part ?? 'own';
    const found = await this.dataSource.getRepository(BookingEntity).findOneBy({ id: bookingId });
    if (!found) throw bookingNotFound();
    // A stranger is told the booking does not exist; its organisation's members may not record for the collège.
    const { journal } = actorFor(found, access);
    access.requireManagerOf(found.establishmentId);
    if (this.settings.mode === 'off') throw conventionSigningOff();
    const early = paperDateRefusal(details.signedOn, parisToday());
    if (!early.ok) throw paperRecordRefused(early);
    const file = await checkCertificateFile(bytes, details.fileName);
    if (!file.ok) throw refusalError(file.refusal);
    // Issued at approval; issued now if that failed, so that the paper refers to the stored document.
    if (isIssued(found.status)) await this.conventions.document(bookingId, access).catch(() => undefined);
    const key = objectKey('conventions', randomUUID());
    await putUpload(this.store, key, file.bytes, file.contentType);
    try {
      await this.dataSource.transaction(async (manager) => {
        // In the signing's order (framework, booking, convention): a paper record and a signature never cross.
        const framework = await findFramework(manager, found, true);
        const booking = await manager.findOneOrFail(BookingEntity, {
          where: { id: bookingId },
          lock: { mode: 'pessimistic_write' },
        });
        const own = await findConvention(manager, booking, true);
        if (part === 'framework' && !framework) throw frameworkConventionNotFound();
        const convention = part === 'framework' ? framework : own;
        if (!convention) throw conventionNotIssued();
        const decision = decidePaperRecord({
          bookingStatus: booking.status,
          completed: convention.paperStorageKey ? 'paper' : convention.completedAt ? 'online' : null,
          issuedOn: convention.issuedOn,
          signedOn: details.signedOn,
          today: parisToday(),
        });
        if (!decision.ok) throw paperRecordRefused(decision);
        const now = new Date();
        const fileSha256 = sha256(file.bytes);
        await manager.query(
          `UPDATE booking.convention SET paper_storage_key = $2, paper_sha256 = $3, paper_content_type = $4,
                  paper_size_bytes = $5, paper_signed_on = $6, paper_signatories = $7, paper_recorded_by = $8,
                  paper_recorded_at = $9, completed_at = $9
            WHERE id = $1`,
          [
            convention.id,
            key,
            fileSha256,
            file.contentType,
            file.bytes.length,
            details.signedOn,
            details.signatories?.trim() || null,
            access.requireCaller().accountId,
            now,
          ],
        );
        await this.completion.complete(manager, booking, convention, {
          signed: { key, sha256: fileSha256 },
          journal,
          // No names here: the audit says what was done, the convention's row keeps what the paper says.
          reason: `${part === 'framework' ? 'Convention-cadre' : 'Convention'} signée sur papier par toutes les parties`,
          now,
          requestId,
        });
      });
    } catch (error) {
      // Nothing recorded points at the file: remove it rather than keep an orphan.
      await this.store.delete(key);
      throw error;
    }
    return this.signing.view(bookingId, access, part);
  }

  /** The scan of a convention signed on paper, for its parties (a stranger gets the 404 of the booking). */
  async scan(bookingId: string, access: Access, part: ConventionPart = 'own') {
    const booking = await this.dataSource.getRepository(BookingEntity).findOneBy({ id: bookingId });
    if (!booking) throw bookingNotFound();
    actorFor(booking, access);
    const find = part === 'framework' ? findFramework : findConvention;
    const convention = await find(this.dataSource.manager, booking);
    if (!convention?.paperStorageKey) throw paperScanNotFound();
    const stored = await this.store.get(convention.paperStorageKey);
    if (!stored) throw paperScanNotFound();
    const reference = part === 'framework' ? frameworkReference(convention) : conventionReference(booking);
    const name = part === 'framework' ? 'convention-cadre' : 'convention';
    return {
      bytes: stored.body,
      contentType: convention.paperContentType ?? stored.contentType,
      sha256: convention.paperSha256 ?? '',
      fileName: `${name}-signee-papier-${reference}.${extensionOf(stored.contentType)}`,
    };
  }
}
