import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'establishment_manager', schema: 'booking' })
export class EstablishmentManagerEntity {
  @PrimaryColumn({ type: 'uuid', name: 'account_id' })
  accountId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'establishment_id' })
  establishmentId!: string;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;
}
