import type { ManagerOrigin } from '@salle/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'establishment_manager', schema: 'booking' })
export class EstablishmentManagerEntity {
  @PrimaryColumn({ type: 'uuid', name: 'account_id' })
  accountId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'establishment_id' })
  establishmentId!: string;

  /** As the identity provider gave it when they last signed in; null until an invited manager does. */
  @Column({ type: 'text', name: 'display_name', nullable: true })
  displayName!: string | null;

  /** Their professional e-mail, as ProConnect gave it when they last signed in. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** Null for managers designated before the origin was recorded. */
  @Column({ type: 'text', nullable: true })
  origin!: ManagerOrigin | null;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;
}
