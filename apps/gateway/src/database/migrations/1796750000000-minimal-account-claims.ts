import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data minimisation: accounts created before the gateway kept only the claims it uses lose the others (birth
 * date, birthplace, birth country, gender...). The lists are written here, not imported: a migration stays
 * what it was when deployed.
 */
export class MinimalAccountClaims1796750000000 implements MigrationInterface {
  name = 'MinimalAccountClaims1796750000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      UPDATE gateway.account SET claims = claims - ARRAY(
        SELECT key FROM jsonb_object_keys(claims) AS key
        WHERE NOT key = ANY(CASE provider
          WHEN 'franceconnect' THEN ARRAY['given_name', 'family_name', 'preferred_username', 'email']
          ELSE ARRAY['given_name', 'usual_name', 'email', 'siret', 'organization_label'] END))`);
  }

  async down(): Promise<void> {
    // The removed claims are gone for good: nothing to restore.
  }
}
