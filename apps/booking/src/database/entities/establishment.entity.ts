import type { EstablishmentStatus, SchoolZone } from '@salle/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import type { CancellationPolicy } from '../../domain/cancellation';

@Entity({ name: 'establishment', schema: 'booking' })
export class EstablishmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  uai!: string;

  @Column({ type: 'text', nullable: true })
  siret!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  address!: string;

  @Column({ type: 'text', name: 'postal_code' })
  postalCode!: string;

  @Column({ type: 'text', name: 'commune_name' })
  communeName!: string;

  @Column({ type: 'text', name: 'commune_insee' })
  communeInsee!: string;

  @Column({ type: 'double precision' })
  latitude!: number;

  @Column({ type: 'double precision' })
  longitude!: number;

  @Column({ type: 'char', length: 1, name: 'school_zone' })
  schoolZone!: SchoolZone;

  @Column({ type: 'text', name: 'contact_email', nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'text', name: 'contact_phone', nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'text' })
  status!: EstablishmentStatus;

  @Column({ type: 'boolean', name: 'payout_ready' })
  payoutReady!: boolean;

  @Column({ type: 'jsonb', name: 'cancellation_policy', nullable: true })
  /** Null: the default policy (100 % at 7 days, 50 % at 48 h, nothing after). */
  cancellationPolicy!: CancellationPolicy | null;

  @Column({ type: 'text', name: 'ics_token', select: false })
  icsToken!: string;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
