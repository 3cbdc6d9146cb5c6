import { randomUUID } from 'node:crypto';
import type { Caller } from '@salle/auth';
import type { BookingMessages } from '@salle/contracts';
import { NotificationTestKit, bookingRequested } from './notification-test-kit';

const NB = '\u00a0';

describe('messages to the département’s admins and about organisations, received through the real SMTP sandbox', () => {
  let kit: NotificationTestKit;
  const tag = randomUUID().slice(0, 8);
  const nathalie = `nathalie.${tag}@isere.example.test`;
  const alain = `alain.${tag}@isere.example.test`;

  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-admins');
    if (!kit.gateway) throw new Error('kit not started');
    await kit.gateway.publish('department.admins_changed', { emails: [alain, nathalie] });
    await kit.until(`SELECT count(*)::int AS n FROM notification.admin_address`, [], 2);
  }, 60_000);
  afterAll(() => kit?.stop());

  const producer = (name: 'booking' | 'payment') => {
    const found = kit[name];
    if (!found) throw new Error('kit not started');
    return found;
  };

  it('tells every admin that an organisation awaits verification, with a link to the verification page', async () => {
    const organisationId = randomUUID();
    await producer('booking').publish('organisation.declared', {
      organisationId,
      organisationName: 'Les Amis du Basket',
    });
    for (const admin of [nathalie, alain]) {
      const [message] = await kit.messagesTo(admin, 1);
      expect(message?.subject).toBe(`Organisation à vérifier${NB}: Les Amis du Basket`);
      expect(message?.text).toContain(`Vérifier les organisations${NB}: https://salles.example.fr/admin/organisations`);
      expect(message?.html).toContain('href="https://salles.example.fr/admin/organisations"');
    }
  });

  it('tells the admins of a payment flag, and only the current admins once the list changed; the booking’s parties do not see it', async () => {
    const ids = { bookingId: randomUUID(), establishmentId: randomUUID(), organisationId: randomUUID() };
    await producer('booking').publish('booking.requested', bookingRequested(ids));
    await kit.clearInbox();
    await producer('payment').publish('payment.flag_raised', {
      flagId: randomUUID(),
      kind: 'dispute',
      bookingId: ids.bookingId,
      paymentId: randomUUID(),
    });
    const [toNathalie] = await kit.messagesTo(nathalie, 1);
    expect(toNathalie?.subject).toBe(`Paiement à examiner${NB}: contestation de paiement (litige)`);
    expect(toNathalie?.text).toContain(
      `Voir la réservation${NB}: https://salles.example.fr/reservations/${ids.bookingId}`,
    );
    expect(await kit.messagesTo(alain, 1)).toHaveLength(1);

    const member: Caller = { accountId: randomUUID(), provider: 'franceconnect', displayName: 'Angela', roles: [] };
    const admin: Caller = { ...member, accountId: randomUUID(), roles: ['department_admin'] };
    const seenByMember = await kit.get<BookingMessages>(`/bookings/${ids.bookingId}/messages`, member, {
      organisations: [ids.organisationId],
    });
    expect(seenByMember.body.items.map((item) => item.kind)).not.toContain('payment_flag');
    const seenByAdmin = await kit.get<BookingMessages>(`/bookings/${ids.bookingId}/messages`, admin);
    expect(seenByAdmin.body.items.filter((item) => item.kind === 'payment_flag')).toHaveLength(2);

    // Alain is no longer an admin: the next flag goes to Nathalie only.
    if (!kit.gateway) throw new Error('kit not started');
    await kit.gateway.publish('department.admins_changed', { emails: [nathalie] });
    await kit.until(`SELECT count(*)::int AS n FROM notification.admin_address`, [], 1);
    await producer('payment').publish('payment.flag_raised', {
      flagId: randomUUID(),
      kind: 'unknown_booking',
      bookingId: null,
      paymentId: randomUUID(),
    });
    const toNathalieAgain = await kit.messagesTo(nathalie, 2);
    expect(toNathalieAgain[1]?.subject).toBe(`Paiement à examiner${NB}: paiement pour une réservation inconnue`);
    expect(toNathalieAgain[1]?.text).toContain(`Ouvrir l’administration${NB}: https://salles.example.fr/admin`);
    expect(await kit.inbox(alain)).toHaveLength(1);
  });

  it('tells an organisation’s members that it was verified, or not retained with the reason', async () => {
    const organisationId = randomUUID();
    const accountId = randomUUID();
    const angela = `angela.${tag}@example.test`;
    await kit.announceContact(accountId, angela, 'Angela Dubois');
    await producer('booking').publish('organisation.membership_changed', {
      organisationId,
      accountId,
      change: 'joined',
    });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.organisation_member m JOIN notification.account_contact c USING (account_id)
        WHERE m.organisation_id = $1`,
      [organisationId],
      1,
    );
    await producer('booking').publish('organisation.verification_decided', {
      organisationId,
      organisationName: 'Les Amis du Basket',
      verified: true,
      reason: null,
    });
    const [verified] = await kit.messagesTo(angela, 1);
    expect(verified?.subject).toBe(`Organisation vérifiée${NB}: Les Amis du Basket`);
    expect(verified?.text).toContain('Vous pouvez désormais demander des salles des collèges.');
    expect(verified?.text).toContain(`Rechercher une salle${NB}: https://salles.example.fr/`);

    await producer('booking').publish('organisation.verification_decided', {
      organisationId,
      organisationName: 'Les Amis du Basket',
      verified: false,
      reason: 'Attestation d’assurance illisible',
    });
    const [, rejected] = await kit.messagesTo(angela, 2);
    expect(rejected?.subject).toBe(`Organisation non retenue${NB}: Les Amis du Basket`);
    expect(rejected?.text).toContain(`Motif indiqué${NB}: Attestation d’assurance illisible`);
    expect(await kit.inbox(nathalie)).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ subject: expect.stringContaining('Organisation vérifiée') })]),
    );
  });

  it('tells the payer organisation’s members what the collège wrote about a payment flag (« Contacter le payeur »)', async () => {
    const organisationId = randomUUID();
    const accountId = randomUUID();
    const bookingId = randomUUID();
    const bernard = `bernard.${tag}@example.test`;
    await kit.announceContact(accountId, bernard, 'Bernard Payeur');
    await producer('booking').publish('organisation.membership_changed', {
      organisationId,
      accountId,
      change: 'joined',
    });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.organisation_member m JOIN notification.account_contact c USING (account_id)
        WHERE m.organisation_id = $1`,
      [organisationId],
      1,
    );
    await producer('payment').publish('payment.payer_contacted', {
      flagId: randomUUID(),
      kind: 'amount_mismatch',
      bookingId,
      establishmentId: randomUUID(),
      organisationId,
      from: 'establishment',
      message: 'Le montant reçu ne correspond pas au prix.',
    });
    const [told] = await kit.messagesTo(bernard, 1);
    expect(told?.subject).toBe(`Votre paiement${NB}: un message du collège`);
    expect(told?.text).toContain('le montant payé diffère du montant dû');
    expect(told?.text).toContain(`Son message${NB}: «${NB}Le montant reçu ne correspond pas au prix.${NB}»`);
    expect(told?.text).toContain(`Voir la réservation${NB}: https://salles.example.fr/reservations/${bookingId}`);
    expect(await kit.inbox(nathalie)).not.toContainEqual(expect.objectContaining({ subject: told?.subject }));
  });
});
