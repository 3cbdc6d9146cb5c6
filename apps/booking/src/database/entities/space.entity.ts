import type { RenterCategory, SpaceKind } from '@salle/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'space', schema: 'booking' })
export class SpaceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'establishment_id' })
  establishmentId!: string;

  @Column({ type: 'text' })
  kind!: SpaceKind;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'integer' })
  capacity!: number;

  @Column({ type: 'integer', name: 'area_m2', nullable: true })
  areaM2!: number | null;

  @Column({ type: 'text', array: true })
  equipment!: string[];

  @Column({ type: 'boolean', name: 'step_free_access' })
  stepFreeAccess!: boolean;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text', array: true, name: 'photo_urls' })
  photoUrls!: string[];

  @Column({ type: 'integer', name: 'buffer_minutes' })
  bufferMinutes!: number;

  @Column({ type: 'integer', name: 'min_duration_minutes' })
  minDurationMinutes!: number;

  @Column({ type: 'integer', name: 'max_duration_minutes' })
  maxDurationMinutes!: number;

  @Column({ type: 'integer', name: 'min_notice_hours' })
  minNoticeHours!: number;

  @Column({ type: 'integer', name: 'max_horizon_days' })
  maxHorizonDays!: number;

  @Column({ type: 'boolean', name: 'approval_required' })
  approvalRequired!: boolean;

  @Column({ type: 'text', array: true, name: 'allowed_categories' })
  allowedCategories!: RenterCategory[];

  @Column({ type: 'boolean', name: 'closed_on_public_holidays' })
  closedOnPublicHolidays!: boolean;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
