import { randomBytes, randomUUID } from 'node:crypto';
import { DEVELOPMENT_EVENT_SECRET_KEY, eventSecrets } from '@salle/events';
import { NotificationTestKit } from './notification-test-kit';

describe('the invitation to join an organisation, from the booking service’s organisation.member_invited', () => {
  let kit: NotificationTestKit;
  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-member-invitation');
  }, 60_000);
  afterAll(() => kit?.stop());

  it('e-mails the invited address once, in French, with the organisation’s name and the link holding the opened secret', async () => {
    if (!kit.booking) throw new Error('kit not started');
    const invitationId = randomUUID();
    const email = `bruno.${invitationId.slice(0, 8)}@example.test`;
    const token = randomBytes(32).toString('base64url');
    const sealedToken = eventSecrets(DEVELOPMENT_EVENT_SECRET_KEY).seal(token, 'organisation.member_invited');
    await kit.booking.publish('organisation.member_invited', {
      invitationId,
      organisationId: randomUUID(),
      organisationName: 'Basket Club de Crolles',
      email,
      role: 'member',
      inviterName: 'Angela Dubois',
      sealedToken,
      expiresAt: '2030-12-13T10:00:00.000Z',
    });
    const [message, ...more] = await kit.messagesTo(email, 2, 3_000);
    expect(more).toEqual([]);
    expect(message?.subject).toBe('Invitation à rejoindre Basket Club de Crolles');
    expect(message?.text).toContain(
      'Angela Dubois vous invite à rejoindre Basket Club de Crolles sur Salle sur demande, comme membre (vous pourrez réserver des salles pour elle).',
    );
    expect(message?.text).toMatch(/Valable jusqu’au\s*: vendredi 13.décembre 2030 à 11.h/);
    const link = `https://salles.example.fr/rejoindre#${token}`;
    expect(message?.html).toContain(`href="${link}"`);
    expect(message?.text).toContain(link);
    // Mandatory: the invitee has no account to unsubscribe from.
    expect(message?.headers['list-unsubscribe']).toBeUndefined();
    const [row] = (await kit.dataSource.query(
      `SELECT template, event_type AS "eventType" FROM notification.message WHERE recipient = $1`,
      [email],
    )) as { template: string; eventType: string }[];
    expect(row).toEqual({ template: 'organisation_invitation', eventType: 'organisation.member_invited' });
  });
});
