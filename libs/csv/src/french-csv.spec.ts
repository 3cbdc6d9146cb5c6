import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { guardFormula, unguardFormula } from './formula-guard';
import { csvCell, writeCsv } from './french-csv';

/** Reads a file back as a French spreadsheet would get it: BOM dropped, `;` separated. */
const readBack = (file: string): string[][] => parse(file, { bom: true, delimiter: ';', relax_quotes: false });

/** Any text, including separators, quotes, line breaks, formula starts and guard quotes. */
const cellText = fc.string({
  unit: fc.constantFrom('a', 'é', ' ', ';', '"', "'", '\r', '\n', '\t', '=', '+', '-', '@', '1', ',', '.', '|'),
});
const anyText = fc.oneof(cellText, fc.string({ unit: 'grapheme' }));

describe('guardFormula', () => {
  it.each([
    '=1+1',
    '+33 4 74 00 00 00',
    '@SUM(A1)',
    '\tx',
    '\rx',
    '-x',
    '-',
    '-1+1',
    "-2+3+cmd|' /C calc'!A0",
    '-12,50 €',
    '--1',
  ])('neutralises %j with a leading quote', (value) => {
    expect(guardFormula(value)).toBe(`'${value}`);
  });

  it.each(['-12,50', '-3', '-0.5', '-45.612403', '12,50', 'Collège Salvador-Allende', '', "l'été", 'a=b'])(
    'keeps %j as written: a number stays a number, other text cannot run',
    (value) => {
      expect(guardFormula(value)).toBe(value);
    },
  );

  it('guards a value that already starts with quotes before a formula, so the import gives it back', () => {
    expect(guardFormula("'=x")).toBe("''=x");
    expect(unguardFormula("''=x")).toBe("'=x");
    expect(unguardFormula("'-12")).toBe("'-12");
  });

  it('unguards exactly what it guarded, for any text', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        expect(unguardFormula(guardFormula(value))).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('never leaves a cell that a spreadsheet would run, unless it is a plain negative number', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const written = guardFormula(value);
        if (/^[=+\-@\t\r]/.test(written)) expect(written).toMatch(/^-\d+([.,]\d+)?$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps any negative decimal amount a number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: -1 }), fc.constantFrom(',', '.'), (cents, separator) => {
        const amount = `-${Math.floor(-cents / 100)}${separator}${String(-cents % 100).padStart(2, '0')}`;
        expect(guardFormula(amount)).toBe(amount);
      }),
    );
  });
});

describe('writeCsv', () => {
  it('writes UTF-8 with BOM, semicolons, CRLF and a final CRLF, quoting only what needs it', () => {
    expect(
      writeCsv(
        ['Nom', 'Montant (EUR)'],
        [
          ['Gymnase; salle "B"', '-12,50'],
          ['=HYPERLINK()', '3,00'],
        ],
      ),
    ).toBe('\ufeffNom;Montant (EUR)\r\n"Gymnase; salle ""B""";-12,50\r\n\'=HYPERLINK();3,00\r\n');
  });

  it('writes a file whose cells read back as the guarded values, for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyText, { minLength: 3, maxLength: 3 }), { maxLength: 5 }), (rows) => {
        const file = writeCsv(['a', 'b', 'c'], rows);
        expect(file.startsWith('\ufeff')).toBe(true);
        expect(file.endsWith('\r\n')).toBe(true);
        const [header, ...read] = readBack(file);
        expect(header).toEqual(['a', 'b', 'c']);
        expect(read).toEqual(rows.map((cells) => cells.map(guardFormula)));
        expect(read.map((cells) => cells.map(unguardFormula))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('quotes a cell with a lone carriage return, so it cannot end the line', () => {
    expect(csvCell('a\rb')).toBe('"a\rb"');
    expect(readBack(writeCsv(['x'], [['a\rb']]))).toEqual([['x'], ['a\rb']]);
  });
});
