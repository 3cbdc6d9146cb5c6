import { auditQuerySchema, compareAuditEntries, decodeAuditCursor, encodeAuditCursor } from './audit';

describe('the audit log’s cursor and order', () => {
  const entry = { at: '2026-12-06T21:00:00.123Z', service: 'payment' as const, id: 'payment:42' };

  it('continues from the exact entry it was made from', () => {
    const cursor = encodeAuditCursor(entry);
    expect(cursor).toBe(`${Date.parse(entry.at)}-payment-42`);
    expect(decodeAuditCursor(cursor)).toEqual({ at: entry.at, service: 'payment', id: '42' });
  });

  it('refuses a cursor it did not write, with a French message', () => {
    for (const bad of ['nimporte', '12-unknown-3', '12-payment-', '-payment-3', '12-payment-3-4'])
      expect(decodeAuditCursor(bad)).toBeUndefined();
    const parsed = auditQuerySchema.safeParse({ cursor: 'nimporte' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('doit être le curseur donné par la page précédente');
  });

  it('orders newest first, then by service, then by number, all descending', () => {
    const same = { at: entry.at };
    const entries = [
      { ...same, service: 'booking' as const, id: 'booking:9' },
      { ...same, service: 'payment' as const, id: 'payment:2' },
      { ...same, service: 'payment' as const, id: 'payment:10' },
      { at: '2026-12-06T21:00:01.000Z', service: 'booking' as const, id: 'booking:1' },
    ];
    expect([...entries].sort(compareAuditEntries).map((item) => item.id)).toEqual([
      'booking:1',
      'payment:10',
      'payment:2',
      'booking:9',
    ]);
  });
});
