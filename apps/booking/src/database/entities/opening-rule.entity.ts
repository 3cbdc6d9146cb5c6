import type { OpeningPeriod } from '@salle/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'opening_rule', schema: 'booking' })
export class OpeningRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'space_id' })
  spaceId!: string;

  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  @Column({ type: 'smallint', array: true })
  weekdays!: number[];

  /** Europe/Paris wall-clock time, "HH:MM:SS". */
  @Column({ type: 'time', name: 'start_time' })
  startTime!: string;

  @Column({ type: 'time', name: 'end_time' })
  endTime!: string;

  @Column({ type: 'text' })
  period!: OpeningPeriod;

  @Column({ type: 'date', name: 'valid_from', nullable: true })
  validFrom!: string | null;

  @Column({ type: 'date', name: 'valid_until', nullable: true })
  validUntil!: string | null;
}
