import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People's requests to erase their account (RGPD art. 17): answered within one month (`deadline_at`). The
 * row outlives the account as the record that the request was met: the account id then names nobody, and
 * `report` lists what each service kept and why.
 */
export class ErasureRequests1796760000000 implements MigrationInterface {
  name = 'ErasureRequests1796760000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE gateway.erasure_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        deadline_at timestamptz NOT NULL,
        executed_at timestamptz,
        report jsonb,
        CHECK (deadline_at > requested_at),
        CHECK ((executed_at IS NULL) = (report IS NULL))
      )`);
    // One open request per account: asking twice gives the same one.
    await runner.query(
      `CREATE UNIQUE INDEX erasure_request_open_key ON gateway.erasure_request (account_id) WHERE executed_at IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE gateway.erasure_request`);
  }
}
