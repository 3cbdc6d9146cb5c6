import { randomUUID } from 'node:crypto';
import { PaymentTestKit } from './payment-test-kit';

/** `payment_flags_open` as Prometheus scrapes it from the metrics listener. */
async function openFlags(kit: PaymentTestKit): Promise<Record<string, number>> {
  const text = await (await fetch(`${kit.service.metricsUrl}/metrics`)).text();
  return Object.fromEntries(
    [...text.matchAll(/^payment_flags_open\{kind="([a-z_]+)",service="payment"\} (\d+)$/gm)].map((match) => [
      match[1],
      Number(match[2]),
    ]),
  );
}

describe('payment_flags_open, the open flags an alert watches', () => {
  let kit: PaymentTestKit;

  beforeAll(async () => {
    kit = await PaymentTestKit.start('pay-flag-metrics');
  });
  afterAll(async () => {
    await kit?.stop();
  });

  const raise = (kind: string) =>
    kit.sql(
      `INSERT INTO payment.payment_flag (id, kind, dedupe_key, detail) VALUES ($1, $2, $3, 'test') RETURNING id`,
      [randomUUID(), kind, randomUUID()],
    );

  it('reports every kind at 0 when none is open', async () => {
    const flags = await openFlags(kit);
    expect(Object.keys(flags).sort()).toEqual([
      'amount_mismatch',
      'dispute',
      'late_payment',
      'provider_error',
      'refund_failed',
      'unknown_booking',
      'unknown_checkout',
    ]);
    expect(Object.values(flags).every((count) => count === 0)).toBe(true);
  });

  it('counts open flags by kind, and no longer those an admin resolved', async () => {
    await raise('dispute');
    const [late] = await raise('late_payment');
    await raise('late_payment');
    expect(await openFlags(kit)).toMatchObject({ dispute: 1, late_payment: 2, amount_mismatch: 0 });

    await kit.sql(`UPDATE payment.payment_flag SET resolved_at = now(), resolution = 'vu' WHERE id = $1`, [
      (late as { id: string }).id,
    ]);
    expect(await openFlags(kit)).toMatchObject({ dispute: 1, late_payment: 1 });
  });
});
