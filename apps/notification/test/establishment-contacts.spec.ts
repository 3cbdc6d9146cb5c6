import { randomUUID } from 'node:crypto';
import { NotificationTestKit } from './notification-test-kit';

const NB = '\u00a0';

describe('a collège’s people, from the booking service’s establishment.contacts_changed', () => {
  let kit: NotificationTestKit;
  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-contacts');
  }, 60_000);
  afterAll(() => kit?.stop());

  async function until(sql: string, parameters: unknown[], expected: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const [row] = (await kit.dataSource.query(sql, parameters)) as { n: number }[];
      if (row?.n === expected) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`never reached ${expected}: ${sql}`);
  }
  const request = (ids: { establishmentId: string; organisationId: string }) => {
    if (!kit.booking) throw new Error('kit not started');
    return kit.booking.publish('booking.requested', {
      ...ids,
      bookingId: randomUUID(),
      spaceId: randomUUID(),
      seriesId: null,
      startsAt: '2026-03-03T18:00:00.000Z',
      endsAt: '2026-03-03T20:30:00.000Z',
      priceCents: 4500,
      decisionDueAt: '2026-02-20T12:00:00.000Z',
    });
  };

  it('e-mails a new request to the collège’s contact address and its managers, and follows later changes', async () => {
    if (!kit.booking) throw new Error('kit not started');
    const tag = randomUUID().slice(0, 8);
    const establishmentId = randomUUID();
    const organisationId = randomUUID();
    const julien = { accountId: randomUUID(), email: `julien.${tag}@example.test` };
    const claire = { accountId: randomUUID(), email: `claire.${tag}@example.test` };
    const office = `secretariat.${tag}@college.example.test`;
    const unknownManager = randomUUID();
    await kit.announceContact(julien.accountId, julien.email, 'Julien Bernard');
    await kit.announceContact(claire.accountId, claire.email, 'Claire Petit');
    await kit.booking.publish('establishment.contacts_changed', {
      establishmentId,
      contactEmail: office,
      managerAccountIds: [julien.accountId, unknownManager],
    });
    await until(
      `SELECT count(*)::int AS n FROM notification.account_contact WHERE account_id = ANY($1::uuid[])`,
      [[julien.accountId, claire.accountId]],
      2,
    );
    await until(
      `SELECT count(*)::int AS n FROM notification.establishment_manager WHERE establishment_id = $1`,
      [establishmentId],
      2,
    );

    await request({ establishmentId, organisationId });
    const [toOffice] = await kit.messagesTo(office, 1);
    const [toJulien] = await kit.messagesTo(julien.email, 1);
    expect(toOffice?.subject).toBe(
      `Nouvelle demande de réservation${NB}: mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30`,
    );
    expect(toOffice?.envelope.to).toEqual([office]);
    expect(toJulien?.subject).toBe(toOffice?.subject);
    expect(toJulien?.text).toContain(`https://salles.example.fr/gestion/${establishmentId}/demandes`);
    expect(await kit.inbox(claire.email)).toEqual([]);

    // Julien leaves, Claire arrives, the contact address changes: the next request follows.
    const newOffice = `accueil.${tag}@college.example.test`;
    await kit.booking.publish('establishment.contacts_changed', {
      establishmentId,
      contactEmail: newOffice,
      managerAccountIds: [claire.accountId],
    });
    await until(
      `SELECT count(*)::int AS n FROM notification.establishment_manager WHERE establishment_id = $1 AND account_id = $2`,
      [establishmentId, claire.accountId],
      1,
    );
    await request({ establishmentId, organisationId });
    expect(await kit.messagesTo(newOffice, 1)).toHaveLength(1);
    expect(await kit.messagesTo(claire.email, 1)).toHaveLength(1);
    expect(await kit.inbox(julien.email)).toHaveLength(1);
    expect(await kit.inbox(office)).toHaveLength(1);
  });
});
