import type { BookingStatus } from '@salle/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One state change of a booking: who, when, from, to, why. Written in the same transaction. */
@Entity({ name: 'audit_entry', schema: 'booking' })
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid', name: 'booking_id' })
  bookingId!: string;

  @Column({ type: 'uuid', name: 'actor_account_id', nullable: true })
  actorAccountId!: string | null;

  @Column({ type: 'text', name: 'actor_role' })
  actorRole!: string;

  @Column({ type: 'text', name: 'from_status', nullable: true })
  fromStatus!: BookingStatus | null;

  @Column({ type: 'text', name: 'to_status' })
  toStatus!: BookingStatus;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** The organisation a staff member acted for, when they entered its request (the actor is the staff member). */
  @Column({ type: 'uuid', name: 'on_behalf_of', nullable: true })
  onBehalfOf!: string | null;

  @Column({ type: 'timestamptz', insert: false, update: false })
  at!: Date;
}
