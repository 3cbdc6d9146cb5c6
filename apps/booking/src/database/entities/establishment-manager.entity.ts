import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'establishment_manager', schema: 'booking' })
export class EstablishmentManagerEntity {
  @PrimaryColumn({ type: 'uuid', name: 'account_id' })
  accountId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'establishment_id' })
  establishmentId!: string;

  /** As the identity provider gave it when they last signed in; null until a manager added by account id does. */
  @Column({ type: 'text', name: 'display_name', nullable: true })
  displayName!: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;
}
