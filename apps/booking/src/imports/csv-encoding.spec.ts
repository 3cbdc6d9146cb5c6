import iconv from 'iconv-lite';
import { decodeCsv } from './csv-encoding';

const text = 'uai;nom\n0380002W;Collège de l’Œuvre à Saint-Égrève\n';

describe('decodeCsv', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toEqual({ ok: true, text, encoding: 'UTF-8' });
    expect(decodeCsv(Buffer.from(`\ufeff${text}`, 'utf8'))).toEqual({ ok: true, text, encoding: 'UTF-8' });
  });

  it('converts Windows-1252, told apart by its 0x80-0x9F bytes', () => {
    expect(decodeCsv(iconv.encode(text, 'windows-1252'))).toEqual({ ok: true, text, encoding: 'windows-1252' });
  });

  it('converts ISO-8859-15, keeping its euro sign', () => {
    const latin9 = 'uai;nom\n0380002W;Collège Élise, tarif 32,00 €\n';
    expect(decodeCsv(iconv.encode(latin9, 'ISO-8859-15'))).toEqual({ ok: true, text: latin9, encoding: 'ISO-8859-15' });
  });

  it('refuses UTF-16, other scripts and a broken file that starts with a UTF-8 BOM', () => {
    expect(decodeCsv(iconv.encode(text, 'UTF-16LE'))).toMatchObject({ ok: false });
    expect(decodeCsv(iconv.encode('uai;nom\n0380002W;Школа номер один\n', 'KOI8-R'))).toMatchObject({ ok: false });
    expect(decodeCsv(iconv.encode('uai;nom\n0380002W;Школа номер один\n', 'windows-1251'))).toMatchObject({
      ok: false,
    });
    const broken = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(text, 'windows-1252')]);
    expect(decodeCsv(broken)).toEqual({ ok: false, message: expect.stringContaining('n’est pas reconnu') });
  });
});
