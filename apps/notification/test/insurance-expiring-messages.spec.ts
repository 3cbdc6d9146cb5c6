import { randomUUID } from 'node:crypto';
import { NotificationTestKit } from './notification-test-kit';

const NB = '\u00a0';

describe('an insurance certificate expiring within a month, told through the real SMTP sandbox', () => {
  let kit: NotificationTestKit;
  const tag = randomUUID().slice(0, 8);
  const owner = `angela.${tag}@example.test`;
  const member = `jean.${tag}@example.test`;
  const outsider = `bruno.${tag}@example.test`;
  const organisationId = randomUUID();
  const ownerAccountId = randomUUID();

  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-insurance');
    if (!kit.booking) throw new Error('kit not started');
    const memberAccountId = randomUUID();
    await kit.announceContact(ownerAccountId, owner, 'Angela Dubois');
    await kit.announceContact(memberAccountId, member, 'Jean Martin');
    await kit.announceContact(randomUUID(), outsider, 'Bruno Martin');
    for (const accountId of [ownerAccountId, memberAccountId])
      await kit.booking.publish('organisation.membership_changed', { organisationId, accountId, change: 'joined' });
    await kit.until(`SELECT count(*)::int AS n FROM notification.organisation_member`, [], 2);
  }, 60_000);
  afterAll(() => kit?.stop());

  it('tells the owners once, with the expiry date and the link to upload the new certificate; a plain member nothing', async () => {
    if (!kit.booking) throw new Error('kit not started');
    const eventId = await kit.booking.publish('organisation.insurance_expiring', {
      organisationId,
      organisationName: 'Les Amis du Basket',
      certificateId: randomUUID(),
      expiresOn: '2027-01-31',
      ownerAccountIds: [ownerAccountId],
    });
    const [message] = await kit.messagesTo(owner, 1);
    expect(message?.subject).toBe(`Attestation d’assurance à renouveler${NB}: Les Amis du Basket`);
    expect(message?.text).toContain('expire le dimanche 31 janvier 2027.');
    expect(message?.html).toContain('href="https://salles.example.fr/organisations"');
    expect(await kit.inbox(outsider)).toHaveLength(0);
    expect(await kit.inbox(member)).toHaveLength(0);

    await kit.booking.republish(eventId);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await kit.messagesTo(owner, 2, 1_000)).toHaveLength(1);
    expect(await kit.inbox(member)).toHaveLength(0);
  });

  it('goes to every member for an event written before it named the owners', async () => {
    if (!kit.booking) throw new Error('kit not started');
    await kit.booking.publish('organisation.insurance_expiring', {
      organisationId,
      organisationName: 'Les Amis du Volley',
      certificateId: randomUUID(),
      expiresOn: '2027-02-28',
    });
    // The owner already has the first test's message: this one is the second.
    const told = async (address: string, count: number) =>
      (await kit.messagesTo(address, count)).filter((mail) => mail.subject?.includes('Les Amis du Volley'));
    expect(await told(member, 1)).toHaveLength(1);
    expect(await told(owner, 2)).toHaveLength(1);
  });
});
