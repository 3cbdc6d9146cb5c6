import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How an organisation gets into a space; read only by its managers and organisations with a confirmed booking. */
@Entity({ name: 'space_access_instructions', schema: 'booking' })
export class SpaceAccessInstructionsEntity {
  @PrimaryColumn({ type: 'uuid', name: 'space_id' })
  spaceId!: string;

  @Column({ type: 'text' })
  keys!: string;

  @Column({ type: 'text' })
  alarm!: string;

  @Column({ type: 'text', name: 'caretaker_contact' })
  caretakerContact!: string;

  /** The manager who last wrote them; emptied with the account's erasure. */
  @Column({ type: 'uuid', name: 'updated_by', nullable: true })
  updatedBy!: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
