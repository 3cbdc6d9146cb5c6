import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `booking.search_fold(text)`: a text in lower case without its accents, ligatures spelled out (« Œ » as « oe ») and
 * the typographic apostrophe as the typed one, so that « saint-egreve » finds « Saint-Égrève » and « l'oree »
 * finds « L’Orée ». Written out rather than taken from the `unaccent` extension, which not every managed
 * PostgreSQL offers; the letters are those of French and its neighbours. Uppercase letters are translated too,
 * as `lower` leaves non-ASCII letters alone under the C locale.
 */
export class AccentFoldedSearch1801100000000 implements MigrationInterface {
  name = 'AccentFoldedSearch1801100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE FUNCTION booking.search_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT lower(replace(replace(replace(replace(
          translate(value,
            'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝŸýÿ’‘',
            'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYYyy'''''),
          'Œ', 'oe'), 'œ', 'oe'), 'Æ', 'ae'), 'æ', 'ae')) $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP FUNCTION booking.search_fold(text)`);
  }
}
