import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A period when a space (or, without space, the whole establishment) cannot be booked. */
@Entity({ name: 'closure', schema: 'booking' })
export class ClosureEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'establishment_id' })
  establishmentId!: string;

  @Column({ type: 'uuid', name: 'space_id', nullable: true })
  spaceId!: string | null;

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt!: Date;

  @Column({ type: 'timestamptz', name: 'ends_at' })
  endsAt!: Date;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;
}
