import { randomUUID } from 'node:crypto';
import { NotificationTestKit } from './notification-test-kit';

const NB = '\u00a0';

describe('the invitation to manage a collège, from the booking service’s establishment.manager_invited', () => {
  let kit: NotificationTestKit;
  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-manager-invitation');
  }, 60_000);
  afterAll(() => kit?.stop());

  it('e-mails the invited address once, in French, with the ProConnect login back to the collège, and no unsubscription', async () => {
    if (!kit.booking) throw new Error('kit not started');
    const establishmentId = randomUUID();
    const invitationId = randomUUID();
    const email = `julien.${invitationId.slice(0, 8)}@ac-grenoble.example.test`;
    const event = {
      invitationId,
      establishmentId,
      establishmentName: 'Collège Flavius Vaussenat',
      email: email.toUpperCase(),
      inviterName: 'Nathalie Durand',
    };
    await kit.booking.publish('establishment.manager_invited', event);
    // One message, however long one waits for a second.
    const [message, ...more] = await kit.messagesTo(email, 2, 3_000);
    expect(more).toEqual([]);
    expect(message?.envelope.to).toEqual([email]);
    expect(message?.subject).toBe(`Invitation à gérer les salles d’un collège${NB}: Collège Flavius Vaussenat`);
    expect(message?.text).toContain(
      `Nathalie Durand, pour le département, vous invite à gérer les demandes de réservation des salles de ce collège${NB}: Collège Flavius Vaussenat.`,
    );
    const login = `https://salles.example.fr/auth/proconnect/login?returnTo=%2Fgestion%2F${establishmentId}`;
    expect(message?.text).toContain(`Me connecter avec ProConnect${NB}: ${login}`);
    expect(message?.html).toContain(`href="${login}"`);
    // Mandatory: the invited agent has no account to unsubscribe from, and the invitation is the only way in.
    expect(message?.headers['list-unsubscribe']).toBeUndefined();
    const [row] = (await kit.dataSource.query(
      `SELECT template, event_type AS "eventType", booking_id AS "bookingId" FROM notification.message WHERE recipient = $1`,
      [email],
    )) as { template: string; eventType: string; bookingId: string | null }[];
    expect(row).toEqual({
      template: 'manager_invitation',
      eventType: 'establishment.manager_invited',
      bookingId: null,
    });
  });
});
