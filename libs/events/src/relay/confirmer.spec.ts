import { formatStreamId } from '../stream-id';
import { watermarkOf } from './confirmer';

const mark = (reply: string[]) => {
  const watermark = watermarkOf(reply);
  return watermark && formatStreamId(watermark);
};

describe('acknowledged watermark', () => {
  it('stops at the oldest pending entry, or just past the last delivered one', () => {
    expect(mark(['ok', 'payment', 'pending', '1700-3'])).toBe('1700-3');
    expect(mark(['ok', 'payment', 'delivered', '1700-3'])).toBe('1700-4');
  });

  it('takes the lowest over the groups, comparing ids as numbers', () => {
    expect(
      mark(['ok', 'payment', 'delivered', '1700-12', 'booking', 'pending', '1700-9', 'audit', 'delivered', '99-0']),
    ).toBe('99-1');
    expect(mark(['ok', 'payment', 'pending', '1700-10', 'booking', 'pending', '1700-9'])).toBe('1700-9');
  });

  it('knows nothing without a group', () => {
    expect(watermarkOf(['ok'])).toBeUndefined();
  });
});
