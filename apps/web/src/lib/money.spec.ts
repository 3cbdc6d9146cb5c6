import { centsToInput, formatEuros, parseEuros } from './money';

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  it('formats integer cents as French euros', () => {
    expect(nbsp(formatEuros(1250))).toBe('12,50 €');
    expect(nbsp(formatEuros(4000))).toBe('40,00 €');
    expect(nbsp(formatEuros(123456))).toBe('1 234,56 €');
    expect(nbsp(formatEuros(0))).toBe('0,00 €');
  });

  it('reads what people type as cents, and refuses what is not an amount', () => {
    expect(parseEuros('12,5')).toBe(1250);
    expect(parseEuros(' 12.50 € ')).toBe(1250);
    expect(parseEuros('0')).toBe(0);
    expect(parseEuros('1 200')).toBe(120000);
    expect(parseEuros('12,345')).toBeNull();
    expect(parseEuros('-3')).toBeNull();
    expect(parseEuros('douze')).toBeNull();
    expect(centsToInput(1250)).toBe('12,50');
    expect(centsToInput(4000)).toBe('40');
    expect(centsToInput(null)).toBe('');
  });
});
