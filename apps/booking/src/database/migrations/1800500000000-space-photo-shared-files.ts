import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A photo may show files that several spaces' photos share (the seed's illustrations, one drawing per kind of
 * space): `shared_files` names them, under `space-photos/shared/<name>-<width>`. Removing such a photo removes its
 * row only; the files stay for the others. Uploaded photos keep their own files (the column is empty).
 */
export class SpacePhotoSharedFiles1800500000000 implements MigrationInterface {
  name = 'SpacePhotoSharedFiles1800500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE booking.space_photo
        ADD COLUMN shared_files text CHECK (shared_files ~ '^[a-z0-9][a-z0-9_-]{0,99}$')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.space_photo DROP COLUMN shared_files`);
  }
}
