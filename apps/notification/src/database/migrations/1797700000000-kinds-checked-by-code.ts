import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lists of message kinds lived twice: in `NOTIFICATION_KINDS` (contracts) and in CHECK constraints that
 * every new kind had to rewrite in full, so two changes adding kinds at once silently dropped each other's.
 * The kinds are validated where they enter (the preference API's schema, the planners' typed kinds); the
 * database keeps only what no code can get wrong on its own (states, parties).
 */
export class KindsCheckedByCode1797700000000 implements MigrationInterface {
  name = 'KindsCheckedByCode1797700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification.preference DROP CONSTRAINT IF EXISTS preference_kind_check`);
    await runner.query(
      `ALTER TABLE notification.scheduled_message DROP CONSTRAINT IF EXISTS scheduled_message_kind_check`,
    );
  }

  async down(): Promise<void> {
    // Restoring the lists would need the kinds of the release that is rolled back to; its own migrations hold them.
  }
}
