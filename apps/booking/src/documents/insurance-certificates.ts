import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { InsuranceCertificateView, UploadInsuranceCertificateQuery } from '@salle/contracts';
import { objectKey, type ObjectStore } from '@salle/storage';
import type { Access } from '../access/access';
import { InsuranceCertificateEntity, OrganisationEntity } from '../database/entities';
import { parisToday } from '../domain/time';
import {
  fileRefused,
  fileUnreadable,
  imageTooLarge,
  insuranceCertificateExpired,
  insuranceCertificateNotFound,
  organisationNotFound,
  pdfEncrypted,
} from '../errors';
import { checkCertificateFile, type CertificateRefusal } from './certificate-file';
import { putUpload } from './scanned-store';
import { memberActor, recordBookingAudit } from '../audit/audit-journal';
import { changedFields } from '@salle/db';

/** The French problem for a refused upload (also used for conversation attachments). */
export function refusalError(refusal: CertificateRefusal) {
  switch (refusal.code) {
    case 'file_unreadable':
      return fileUnreadable(refusal.kind);
    case 'pdf_encrypted':
      return pdfEncrypted();
    case 'image_too_large':
      return imageTooLarge(refusal.maxMegapixels);
    default:
      return fileRefused(refusal);
  }
}

function toView(entity: InsuranceCertificateEntity): InsuranceCertificateView {
  return {
    id: entity.id,
    organisationId: entity.organisationId,
    insurer: entity.insurer,
    policyNumber: entity.policyNumber,
    expiresOn: entity.expiresOn,
    fileName: entity.fileName,
    contentType: entity.contentType,
    sizeBytes: entity.sizeBytes,
    uploadedAt: entity.uploadedAt.toISOString(),
  };
}

/** The organisations' insurance certificates: files in the object store, served only through these checks. */
export class InsuranceCertificates {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ObjectStore,
  ) {}

  /** Owners upload; the file is checked whole before anything is stored, and the new expiry becomes the organisation's. */
  async upload(
    organisationId: string,
    details: UploadInsuranceCertificateQuery,
    bytes: Uint8Array,
    access: Access,
  ): Promise<InsuranceCertificateView> {
    const caller = access.requireOwnerOf(organisationId);
    if (details.expiresOn < parisToday()) throw insuranceCertificateExpired();
    const file = await checkCertificateFile(bytes, details.fileName);
    if (!file.ok) throw refusalError(file.refusal);
    const id = randomUUID();
    const key = objectKey('insurance', organisationId, id);
    await putUpload(this.store, key, file.bytes, file.contentType);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const organisation = await manager.findOne(OrganisationEntity, {
          where: { id: organisationId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!organisation) throw organisationNotFound();
        const certificate = await manager.save(
          manager.create(InsuranceCertificateEntity, {
            id,
            organisationId,
            insurer: details.insurer,
            policyNumber: details.policyNumber,
            expiresOn: details.expiresOn,
            fileName: file.fileName,
            contentType: file.contentType,
            sizeBytes: file.bytes.length,
            storageKey: key,
            uploadedBy: caller.accountId,
            uploadedAt: new Date(),
          }),
        );
        const before = { ...organisation };
        Object.assign(organisation, {
          insuranceReference: `${details.insurer} ${details.policyNumber}`,
          insuranceExpiresOn: details.expiresOn,
          updatedAt: new Date(),
        });
        await manager.save(organisation);
        // The file stays in its store: the entry names the certificate and what it changed on the organisation.
        await recordBookingAudit(manager, {
          actor: memberActor(access, organisationId),
          action: 'organisation.insurance_certificate_uploaded',
          object: { type: 'insurance_certificate', id },
          organisationId,
          changes: changedFields(before, organisation, ['insuranceReference', 'insuranceExpiresOn']),
        });
        return toView(certificate);
      });
    } catch (error) {
      // Nothing recorded points at the file: remove it rather than keep an orphan.
      await this.store.delete(key);
      throw error;
    }
  }

  async current(organisationId: string, access: Access): Promise<InsuranceCertificateView> {
    return toView(await this.readable(organisationId, access));
  }

  async file(organisationId: string, access: Access) {
    const certificate = await this.readable(organisationId, access);
    const stored = await this.store.get(certificate.storageKey);
    if (!stored) throw insuranceCertificateNotFound();
    return { bytes: stored.body, contentType: certificate.contentType, fileName: certificate.fileName };
  }

  /** The certificate in force, for members, admins and managers of a collège the organisation asked to book; others get 404. */
  private async readable(organisationId: string, access: Access): Promise<InsuranceCertificateEntity> {
    access.requireCaller();
    if (!access.isAdmin && !access.actsFor(organisationId) && !(await this.asksOneOf(organisationId, access))) {
      throw organisationNotFound();
    }
    const certificate = await this.dataSource.getRepository(InsuranceCertificateEntity).findOne({
      where: { organisationId },
      order: { uploadedAt: 'DESC' },
    });
    if (!certificate) throw insuranceCertificateNotFound();
    return certificate;
  }

  private async asksOneOf(organisationId: string, access: Access): Promise<boolean> {
    if (access.establishmentIds.length === 0) return false;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM booking.booking WHERE organisation_id = $1 AND establishment_id = ANY($2::uuid[]) LIMIT 1`,
      [organisationId, access.establishmentIds],
    );
    return rows.length > 0;
  }
}
