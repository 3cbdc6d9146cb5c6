import type { MembershipRole } from '@salle/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'membership', schema: 'booking' })
export class MembershipEntity {
  @PrimaryColumn({ type: 'uuid', name: 'account_id' })
  accountId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Column({ type: 'text' })
  role!: MembershipRole;

  /** As the identity provider gave it when the person joined; null for memberships older than names (members were once added by account id). */
  @Column({ type: 'text', name: 'display_name', nullable: true })
  displayName!: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;
}
