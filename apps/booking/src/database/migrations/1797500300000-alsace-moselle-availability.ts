import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Good Friday and 26 December are public holidays in Bas-Rhin, Haut-Rhin and Moselle: the opening windows
 * materialised for those collèges' spaces before the booking rules knew it are recomputed (the availability
 * worker takes every space whose `availability_until` is null).
 */
export class AlsaceMoselleAvailability1797500300000 implements MigrationInterface {
  name = 'AlsaceMoselleAvailability1797500300000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      UPDATE booking.space SET availability_until = NULL
       WHERE establishment_id IN (
         SELECT id FROM booking.establishment WHERE substr(commune_insee, 1, 2) IN ('57', '67', '68'))`);
  }

  async down(): Promise<void> {
    // Nothing to undo: the windows are recomputed from the rules either way.
  }
}
