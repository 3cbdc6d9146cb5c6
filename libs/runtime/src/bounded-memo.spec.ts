import { BoundedMemo } from './bounded-memo';

describe('BoundedMemo', () => {
  it('computes each key once, null and undefined results included', () => {
    const memo = new BoundedMemo<string, string | null | undefined>(10);
    const calls: string[] = [];
    const compute = (key: string) => {
      calls.push(key);
      return key === 'none' ? null : key === 'void' ? undefined : key.toUpperCase();
    };
    expect(memo.get('a', compute)).toBe('A');
    expect(memo.get('none', compute)).toBeNull();
    expect(memo.get('void', compute)).toBeUndefined();
    expect(memo.get('a', compute)).toBe('A');
    expect(memo.get('none', compute)).toBeNull();
    expect(memo.get('void', compute)).toBeUndefined();
    expect(calls).toEqual(['a', 'none', 'void']);
  });

  it('never holds more than its limit: when full it forgets everything and starts over', () => {
    const memo = new BoundedMemo<number, number>(3);
    let calls = 0;
    const square = (n: number) => {
      calls++;
      return n * n;
    };
    for (const n of [1, 2, 3]) memo.get(n, square);
    expect(memo.size).toBe(3);
    expect(memo.get(4, square)).toBe(16);
    expect(memo.size).toBe(1);
    expect(memo.get(1, square)).toBe(1);
    expect(calls).toBe(5);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new BoundedMemo(0)).toThrow(RangeError);
    expect(() => new BoundedMemo(1.5)).toThrow(RangeError);
  });
});
