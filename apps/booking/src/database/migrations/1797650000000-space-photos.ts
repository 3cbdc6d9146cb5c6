import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Photos of spaces uploaded by their managers: the files (WebP renditions) live in the object store under
 * `space-photos/<space>/<photo>-<width>`; this table says which belong to which space, in which order, with
 * the text read in their place. `space.photo_urls` (addresses typed in by hand) is left as it is.
 */
export class SpacePhotos1797650000000 implements MigrationInterface {
  name = 'SpacePhotos1797650000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.space_photo (
        id uuid PRIMARY KEY,
        space_id uuid NOT NULL REFERENCES booking.space (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        alt_text text NOT NULL CHECK (length(btrim(alt_text)) > 0),
        width integer NOT NULL CHECK (width > 0),
        height integer NOT NULL CHECK (height > 0),
        uploaded_by uuid,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX space_photo_space_position ON booking.space_photo (space_id, position)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE booking.space_photo`);
  }
}
