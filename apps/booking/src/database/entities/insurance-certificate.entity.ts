import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { InsuranceCertificateType } from '@salle/contracts';

/** One uploaded insurance certificate; the file itself is in the object store under `storageKey`. */
@Entity({ name: 'insurance_certificate', schema: 'booking' })
export class InsuranceCertificateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Column({ type: 'text' })
  insurer!: string;

  @Column({ type: 'text', name: 'policy_number' })
  policyNumber!: string;

  /** ISO date (YYYY-MM-DD): the last day covered. */
  @Column({ type: 'date', name: 'expires_on' })
  expiresOn!: string;

  @Column({ type: 'text', name: 'file_name' })
  fileName!: string;

  @Column({ type: 'text', name: 'content_type' })
  contentType!: InsuranceCertificateType;

  @Column({ type: 'integer', name: 'size_bytes' })
  sizeBytes!: number;

  @Column({ type: 'text', name: 'storage_key' })
  storageKey!: string;

  /** The account that uploaded it; emptied with the account's erasure like other actor ids. */
  @Column({ type: 'uuid', name: 'uploaded_by', nullable: true })
  uploadedBy!: string | null;

  @Column({ type: 'timestamptz', name: 'uploaded_at' })
  uploadedAt!: Date;
}
