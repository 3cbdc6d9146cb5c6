import { z } from 'zod';

/** Kinds of CSV files the booking service imports and exports. */
export const csvImportKindSchema = z.enum(['establishments', 'spaces', 'opening_rules', 'tariffs']);
export type CsvImportKind = z.infer<typeof csvImportKindSchema>;

/** Largest CSV text accepted inside the JSON body (the service's JSON body limit applies first). */
export const CSV_IMPORT_MAX_CHARACTERS = 5_000_000;

/** Largest base64 text accepted for the file's bytes (about 3.7 MB of file). */
export const CSV_IMPORT_MAX_BASE64_CHARACTERS = 5_000_000;

/**
 * A CSV file sent for import, inside JSON so that it passes the same body
 * parsing, size limit and authentication as every other request: either its
 * bytes in base64 (`csvBase64`, what the web page sends: the service detects
 * the encoding, UTF-8, Windows-1252 or ISO-8859-15) or its text already
 * decoded (`csv`), with its name if known (`fileName`, for the audit log).
 * `dryRun` checks the file and reports what would change without writing
 * anything.
 */
export const csvImportSchema = z
  .strictObject({
    csv: z
      .string({ error: 'joignez le contenu du fichier CSV' })
      .min(1, { error: 'le fichier CSV est vide' })
      .max(CSV_IMPORT_MAX_CHARACTERS, {
        error: 'le fichier CSV est trop volumineux (5 millions de caractères au plus)',
      })
      .optional(),
    csvBase64: z
      .base64({ error: 'le contenu du fichier doit être encodé en base64' })
      .min(1, { error: 'le fichier CSV est vide' })
      .max(CSV_IMPORT_MAX_BASE64_CHARACTERS, { error: 'le fichier CSV est trop volumineux (3,7\u00a0Mo au plus)' })
      .optional()
      .meta({
        description: "The file's bytes in base64; its encoding is detected (UTF-8, Windows-1252, ISO-8859-15).",
      }),
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(255, { error: 'le nom du fichier est trop long (255 caractères au plus)' })
      .optional()
      .meta({
        description: "The file's name, kept with its SHA-256 in the audit log of an import that changed something.",
      }),
    dryRun: z.boolean().default(false),
  })
  .refine((body) => (body.csv === undefined) !== (body.csvBase64 === undefined), {
    error: 'joignez le fichier CSV, une seule fois (champ csv ou csvBase64)',
    path: ['csv'],
  });
export type CsvImport = z.infer<typeof csvImportSchema>;
export type CsvImportBody = z.input<typeof csvImportSchema>;

/** One problem in an imported file: the physical line (1 is the header) and the column it concerns. */
export const csvLineErrorSchema = z.object({
  line: z.number().int().min(1),
  /** The column's name as written in the header, or `(ligne)` when the whole line is wrong. */
  field: z.string(),
  message: z.string(),
});
export type CsvLineError = z.infer<typeof csvLineErrorSchema>;

/** What an accepted import did (or, in a dry run, would do). */
export const csvImportReportSchema = z.strictObject({
  kind: csvImportKindSchema,
  dryRun: z.boolean(),
  rows: z.number().int().meta({ description: 'Data lines read (the header excluded).' }),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  removed: z
    .number()
    .int()
    .optional()
    .meta({ description: 'Opening rules or tariffs of the spaces the file names that it no longer lists (deleted).' }),
});
export type CsvImportReport = z.infer<typeof csvImportReportSchema>;
