import { randomUUID } from 'node:crypto';
import { NotificationTestKit } from './notification-test-kit';

const NB = '\u00a0';

describe('an insurance certificate expiring within a month, told through the real SMTP sandbox', () => {
  let kit: NotificationTestKit;
  const tag = randomUUID().slice(0, 8);
  const member = `angela.${tag}@example.test`;
  const outsider = `bruno.${tag}@example.test`;
  const organisationId = randomUUID();

  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-insurance');
    if (!kit.booking) throw new Error('kit not started');
    const memberAccountId = randomUUID();
    await kit.announceContact(memberAccountId, member, 'Angela Dubois');
    await kit.announceContact(randomUUID(), outsider, 'Bruno Martin');
    await kit.booking.publish('organisation.membership_changed', {
      organisationId,
      accountId: memberAccountId,
      change: 'joined',
    });
    await kit.until(`SELECT count(*)::int AS n FROM notification.organisation_member`, [], 1);
  }, 60_000);
  afterAll(() => kit?.stop());

  it('tells the organisation once, with the expiry date and the link to upload the new certificate', async () => {
    if (!kit.booking) throw new Error('kit not started');
    const eventId = await kit.booking.publish('organisation.insurance_expiring', {
      organisationId,
      organisationName: 'Les Amis du Basket',
      certificateId: randomUUID(),
      expiresOn: '2027-01-31',
    });
    const [message] = await kit.messagesTo(member, 1);
    expect(message?.subject).toBe(`Attestation d’assurance à renouveler${NB}: Les Amis du Basket`);
    expect(message?.text).toContain('expire le dimanche 31 janvier 2027.');
    expect(message?.html).toContain('href="https://salles.example.fr/organisations"');
    expect(await kit.inbox(outsider)).toHaveLength(0);

    await kit.booking.republish(eventId);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await kit.messagesTo(member, 2, 1_000)).toHaveLength(1);
  });
});
