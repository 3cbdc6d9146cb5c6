import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'series', schema: 'booking' })
export class SeriesEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'space_id' })
  spaceId!: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId!: string;

  @Column({ type: 'text' })
  rrule!: string;

  @Column({ type: 'time', name: 'local_start_time' })
  localStartTime!: string;

  @Column({ type: 'integer', name: 'duration_minutes' })
  durationMinutes!: number;

  @Column({ type: 'jsonb' })
  options!: Record<string, unknown>;

  @Column({ type: 'uuid', name: 'requested_by' })
  requestedBy!: string;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;
}
