import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The département's admins' addresses, as the gateway announces them (`department.admins_changed`): the whole list each time. */
export class DepartmentAdmins1796750000000 implements MigrationInterface {
  name = 'DepartmentAdmins1796750000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notification.admin_address (
        email text PRIMARY KEY CHECK (email = lower(email) AND position('@' IN email) > 1)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE notification.admin_address`);
  }
}
