import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What was last announced of each collège's contacts (its contact address and
 * managers), as a digest: the announcer compares it with the current one and
 * announces only what changed, so that collèges written outside the API (seed,
 * SQL, an agent matched by SIRET) are announced once, and never again after a restart.
 */
export class EstablishmentContactsAnnounced1796710000000 implements MigrationInterface {
  name = 'EstablishmentContactsAnnounced1796710000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.establishment_contacts_announced (
        establishment_id uuid PRIMARY KEY REFERENCES booking.establishment (id) ON DELETE CASCADE,
        digest text NOT NULL,
        announced_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE booking.establishment_contacts_announced`);
  }
}
