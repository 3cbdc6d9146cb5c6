import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An RNA or SIREN number is held by at most one organisation that is pending or verified: a rejected
 * declaration (someone else's mistake or abuse) no longer keeps the real association from declaring itself.
 * `down` fails while two organisations, one of them rejected, share a number: it cannot restore the old rule
 * without deleting one of them.
 */
export class OrganisationIdentifiersHeld1797500100000 implements MigrationInterface {
  name = 'OrganisationIdentifiersHeld1797500100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.organisation DROP CONSTRAINT organisation_rna_key`);
    await runner.query(`ALTER TABLE booking.organisation DROP CONSTRAINT organisation_siren_key`);
    await runner.query(`CREATE UNIQUE INDEX organisation_rna_held ON booking.organisation (rna)
                          WHERE status IN ('pending', 'verified')`);
    await runner.query(`CREATE UNIQUE INDEX organisation_siren_held ON booking.organisation (siren)
                          WHERE status IN ('pending', 'verified')`);
    // The lookups by number that the unique constraints served, rejected declarations included.
    await runner.query(`CREATE INDEX organisation_rna_idx ON booking.organisation (rna)`);
    await runner.query(`CREATE INDEX organisation_siren_idx ON booking.organisation (siren)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX booking.organisation_siren_idx`);
    await runner.query(`DROP INDEX booking.organisation_rna_idx`);
    await runner.query(`DROP INDEX booking.organisation_siren_held`);
    await runner.query(`DROP INDEX booking.organisation_rna_held`);
    await runner.query(`ALTER TABLE booking.organisation ADD CONSTRAINT organisation_siren_key UNIQUE (siren)`);
    await runner.query(`ALTER TABLE booking.organisation ADD CONSTRAINT organisation_rna_key UNIQUE (rna)`);
  }
}
