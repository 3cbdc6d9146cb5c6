import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RenterCategory } from '@salle/contracts';

/** What one renter category pays for one space, in euro cents. */
@Entity({ name: 'tariff', schema: 'booking' })
export class TariffEntity {
  @PrimaryColumn({ type: 'uuid', name: 'space_id' })
  spaceId!: string;

  @PrimaryColumn({ type: 'text' })
  category!: RenterCategory;

  @Column({ type: 'integer', name: 'hourly_cents' })
  hourlyCents!: number;

  @Column({ type: 'integer', name: 'half_day_cents', nullable: true })
  halfDayCents!: number | null;

  @Column({ type: 'integer', name: 'day_cents', nullable: true })
  dayCents!: number | null;

  @Column({ type: 'integer', name: 'deposit_cents' })
  depositCents!: number;
}
