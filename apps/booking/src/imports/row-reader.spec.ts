import type { CsvLineError } from '@salle/contracts';
import { writeCsv } from '@salle/csv';
import { parseCsv } from './csv-format';
import { RowReader } from './row-reader';

/** Writes one exported line as the export does, then reads it back as the import does. */
function exportedThenRead(cells: Record<string, string>): { reader: RowReader; errors: CsvLineError[] } {
  const { rows } = parseCsv(writeCsv(Object.keys(cells), [Object.values(cells)]));
  const errors: CsvLineError[] = [];
  const row = rows[0];
  if (!row) throw new Error('no row read back');
  return { reader: new RowReader(row, errors), errors };
}

describe('RowReader on exported files', () => {
  it('gives back text cells that the export guarded against formulas', () => {
    const { reader, errors } = exportedThenRead({ nom: '=HYPERLINK("x")', telephone: '+33 4 74 00 00 00', note: '-x' });
    expect([
      reader.text('nom', { max: 100 }),
      reader.text('telephone', { max: 100 }),
      reader.text('note', { max: 100 }),
    ]).toEqual(['=HYPERLINK("x")', '+33 4 74 00 00 00', '-x']);
    expect(errors).toEqual([]);
  });

  it('gives back a list whose whole cell was guarded, even when its first item is a negative number', () => {
    const { reader } = exportedThenRead({ equipement: '-5|=tableau|@micro' });
    expect(reader.list('equipement', { maxItems: 10, maxLength: 50 })).toEqual(['-5', '=tableau', '@micro']);
  });

  it('still reads files exported when every list item was guarded', () => {
    const { rows } = parseCsv("equipement\r\n'=tableau|'@micro|vestiaires\r\n");
    const row = rows[0];
    if (!row) throw new Error('no row read back');
    expect(new RowReader(row, []).list('equipement', { maxItems: 10, maxLength: 50 })).toEqual([
      '=tableau',
      '@micro',
      'vestiaires',
    ]);
  });
});
