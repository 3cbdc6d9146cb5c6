import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationStatus, RenterCategory } from '@salle/contracts';

@Entity({ name: 'organisation', schema: 'booking' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: RenterCategory;

  @Column({ type: 'text', nullable: true })
  rna!: string | null;

  @Column({ type: 'text', nullable: true })
  siren!: string | null;

  @Column({ type: 'text' })
  address!: string;

  @Column({ type: 'text', name: 'postal_code' })
  postalCode!: string;

  @Column({ type: 'text', name: 'commune_name' })
  communeName!: string;

  @Column({ type: 'timestamptz', name: 'eligibility_declared_at' })
  eligibilityDeclaredAt!: Date;

  @Column({ type: 'boolean', name: 'republican_contract_acknowledged' })
  republicanContractAcknowledged!: boolean;

  @Column({ type: 'text', name: 'insurance_reference' })
  insuranceReference!: string;

  /** ISO date (YYYY-MM-DD): the last day the insurance certificate covers. */
  @Column({ type: 'date', name: 'insurance_expires_on' })
  insuranceExpiresOn!: string;

  @Column({ type: 'text' })
  status!: OrganisationStatus;

  /** The person the collèges call about the organisation's bookings (optional). */
  @Column({ type: 'text', name: 'contact_name', nullable: true })
  contactName!: string | null;

  /** E.164. */
  @Column({ type: 'text', name: 'contact_phone', nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'text', name: 'contact_email', nullable: true })
  contactEmail!: string | null;

  /** When the owners agreed that the contact phone receives SMS (null: it does not). */
  @Column({ type: 'timestamptz', name: 'contact_sms_consent_at', nullable: true })
  contactSmsConsentAt!: Date | null;

  /** When the département verified it; null while pending or rejected. */
  @Column({ type: 'timestamptz', name: 'verified_at', nullable: true })
  verifiedAt!: Date | null;

  @Column({ type: 'text', name: 'rejection_reason', nullable: true })
  rejectionReason!: string | null;

  /** When the département rejected it; null unless rejected. Its retention counts from there. */
  @Column({ type: 'timestamptz', name: 'rejected_at', nullable: true })
  rejectedAt!: Date | null;

  /** The staff member who created the record for the organisation; null when it declared itself. */
  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy!: string | null;

  /** Who claimed a record created without members, proving they are its contact, and when. */
  @Column({ type: 'uuid', name: 'claimed_by', nullable: true })
  claimedBy!: string | null;

  @Column({ type: 'timestamptz', name: 'claimed_at', nullable: true })
  claimedAt!: Date | null;

  @Column({ type: 'text', name: 'ics_token', select: false })
  icsToken!: string;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
