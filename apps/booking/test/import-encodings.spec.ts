import iconv from 'iconv-lite';
import type { CsvImportReport, CsvLineError } from '@salle/contracts';
import {
  departmentAdmin,
  franceConnectUser,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';

const HEADER = 'uai;nom;siret;adresse;code_postal;commune;code_insee;latitude;longitude;zone;courriel;telephone;statut';

/** What French Excel writes: accents, œ and the typographic apostrophe (0x92 in Windows-1252). */
const frenchFile = [
  HEADER,
  '0382174G;Collège Salvador Allende;;1 rue de l’Œuvre;38307;Bourgoin-Jallieu;38053;45,612403;5,265333;A;;;actif',
  '0383542U;Collège Élise Gère;;;38260;Champier;38069;45.456957;5.290360;A;;;',
].join('\r\n');

interface ImportAnswer extends CsvImportReport {
  code: string;
  lineErrors: CsvLineError[];
  errors: { field: string; message: string }[];
}

describe('CSV imports: file encodings and spreadsheet leftovers', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();

  const send = (bytes: Buffer, caller = admin) =>
    api.as(caller).post<ImportAnswer>('/imports/establishments', { csvBase64: bytes.toString('base64') });
  const names = async () =>
    (
      (await api.service.dataSource.query('SELECT name, address FROM booking.establishment ORDER BY uai')) as {
        name: string;
        address: string;
      }[]
    ).map((row) => `${row.name}|${row.address}`);

  beforeAll(async () => {
    api = await startBookingTestService('import-encodings');
  });
  afterAll(async () => {
    await api.stop();
  });
  afterEach(async () => {
    await api.service.dataSource.query('DELETE FROM booking.establishment');
  });

  it('refuses an unknown encoding (Cyrillic KOI8-R) with a French message, importing nothing', async () => {
    const bytes = iconv.encode(
      `${HEADER}\r\n0382174G;Школа номер один в городе;;;38307;Город;38053;45,6;5,2;A;;;\r\n`,
      'KOI8-R',
    );
    const response = await send(bytes);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('import_invalid');
    expect(response.body.lineErrors).toEqual([
      { line: 1, field: '(ligne)', message: expect.stringContaining('l’encodage du fichier n’est pas reconnu') },
    ]);
    expect(await names()).toEqual([]);
  });

  it('refuses a UTF-16 file rather than reading its bytes as Latin letters', async () => {
    const response = await send(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(frenchFile, 'UTF-16LE')]));
    expect(response.status).toBe(400);
    expect(response.body.lineErrors[0]?.message).toContain('l’encodage du fichier n’est pas reconnu');
    expect(await names()).toEqual([]);
  });

  it('imports a Windows-1252 file (French Excel) with its accents, œ and apostrophes intact', async () => {
    const bytes = iconv.encode(frenchFile, 'windows-1252');
    expect(bytes.includes(0x92)).toBe(true);
    const response = await send(bytes);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 2, created: 2 });
    expect(await names()).toEqual(['Collège Salvador Allende|1 rue de l’Œuvre', 'Collège Élise Gère|']);
  });

  it('imports an ISO-8859-15 file with its accents', async () => {
    const latin9 = frenchFile.replace('l’Œuvre', 'la Forêt');
    const response = await send(iconv.encode(latin9, 'ISO-8859-15'));
    expect(response.status).toBe(200);
    expect(await names()).toEqual(['Collège Salvador Allende|1 rue de la Forêt', 'Collège Élise Gère|']);
  });

  it('imports UTF-8 with and without a byte-order mark alike', async () => {
    expect((await send(Buffer.from(`\ufeff${frenchFile}`, 'utf8'))).status).toBe(200);
    const first = await names();
    await api.service.dataSource.query('DELETE FROM booking.establishment');
    expect((await send(Buffer.from(frenchFile, 'utf8'))).status).toBe(200);
    expect(await names()).toEqual(first);
    expect(first[1]).toBe('Collège Élise Gère|');
  });

  it('accepts trailing empty columns and lines of only separators', async () => {
    const file = [
      `${HEADER};;`,
      '0382174G;Collège Salvador Allende;;;38307;Bourgoin-Jallieu;38053;45,612403;5,265333;A;;;actif;;',
      ';;;;;;;;;;;;;;',
      '0383542U;Collège Élise Gère;;;38260;Champier;38069;45.456957;5.290360;A;;;;;;',
      ';;;;;;;;;;;;',
    ].join('\r\n');
    const response = await send(iconv.encode(file, 'windows-1252'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 2, created: 2 });
  });

  it('still refuses a line with a filled cell beyond the last column', async () => {
    const file = `${HEADER}\r\n0382174G;Collège Salvador Allende;;;38307;Bourgoin-Jallieu;38053;45,6;5,2;A;;;actif;de trop\r\n`;
    const response = await send(Buffer.from(file, 'utf8'));
    expect(response.status).toBe(400);
    expect(response.body.lineErrors).toEqual([
      { line: 2, field: '(ligne)', message: expect.stringContaining('la ligne compte 14 colonne(s) au lieu de 13') },
    ]);
    expect(await names()).toEqual([]);
  });

  it('refuses a body carrying both the text and the bytes of a file, and a non-admin caller', async () => {
    const both = await api.as(admin).post<ImportAnswer>('/imports/establishments', {
      csv: frenchFile,
      csvBase64: Buffer.from(frenchFile).toString('base64'),
    });
    expect(both.status).toBe(400);
    expect(both.body.code).toBe('validation_failed');
    const citizen = await send(Buffer.from(frenchFile, 'utf8'), franceConnectUser());
    expect(citizen.status).toBe(403);
    expect(await names()).toEqual([]);
  });
});
