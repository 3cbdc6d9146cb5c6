import { randomUUID } from 'node:crypto';
import { NotificationTestKit } from './notification-test-kit';

describe('the convention to sign, each signer in turn, received through the real SMTP sandbox', () => {
  let kit: NotificationTestKit;
  const tag = randomUUID().slice(0, 8);
  const angela = `angela.${tag}@example.test`;
  const college = `contact.${tag}@college-stendhal.example.test`;
  const nathalie = `nathalie.${tag}@isere.example.test`;
  const angelaAccount = randomUUID();
  const ids = {
    conventionId: randomUUID(),
    bookingId: randomUUID(),
    seriesId: null,
    establishmentId: randomUUID(),
    organisationId: randomUUID(),
  };
  const link = `https://salles.example.fr/reservations/${ids.bookingId}`;

  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-conventions');
    if (!kit.gateway || !kit.booking) throw new Error('kit not started');
    await kit.gateway.publish('department.admins_changed', { emails: [nathalie] });
    await kit.announceContact(angelaAccount, angela, 'Angela Dubois');
    await kit.booking.publish('organisation.membership_changed', {
      organisationId: ids.organisationId,
      accountId: angelaAccount,
      change: 'joined',
    });
    await kit.addRecipient('establishment', ids.establishmentId, college, 'Collège Stendhal');
    await kit.until(`SELECT count(*)::int AS n FROM notification.organisation_member`, [], 1);
    await kit.until(`SELECT count(*)::int AS n FROM notification.account_contact`, [], 1);
  }, 60_000);
  afterAll(() => kit?.stop());
  beforeEach(() => kit.clearInbox());

  function booking() {
    if (!kit.booking) throw new Error('kit not started');
    return kit.booking;
  }

  it('tells the organisation first, with the link to the booking’s convention', async () => {
    await booking().publish('convention.issued', ids);
    const [message] = await kit.messagesTo(angela, 1);
    expect(message?.subject).toBe('Convention à signer');
    expect(message?.text).toContain('elle doit l’être par un responsable de votre organisation');
    expect(message?.html).toContain(`href="${link}"`);
    expect(await kit.inbox(college)).toHaveLength(0);
  });

  it('then the collège, then the département, and nobody once the last has signed', async () => {
    await booking().publish('convention.signed', { ...ids, step: 'organisation', nextStep: 'establishment' });
    const [toCollege] = await kit.messagesTo(college, 1);
    expect(toCollege?.text).toContain('le signataire désigné du collège');
    await booking().publish('convention.signed', { ...ids, step: 'establishment', nextStep: 'department' });
    const [toAdmin] = await kit.messagesTo(nathalie, 1);
    expect(toAdmin?.text).toContain('délégation de signature du département');
    expect(await kit.inbox(angela)).toHaveLength(0);
  });

  it('reminds the party whose turn it is when a paid booking is still unsigned at its deadline', async () => {
    const dueAt = '2030-01-01T00:00:00.000Z';
    await booking().publish('convention.signing_overdue', { ...ids, nextStep: 'establishment', dueAt });
    const [toCollege] = await kit.messagesTo(college, 1);
    expect(toCollege?.subject).toBe('Convention à signer');
    expect(toCollege?.text).toContain('le signataire désigné du collège');
    expect(await kit.inbox(angela)).toHaveLength(0);
  });

  it('tells both parties when it is signed by all, the organisation with the signed link to the sealed PDF', async () => {
    const signedDownload = {
      path: `/downloads/conventions/${ids.bookingId}?expires=1893456000&signature=c2lnbmF0dXJl`,
      expiresAt: '2030-01-01T00:00:00.000Z',
    };
    await booking().publish('convention.signed', { ...ids, step: 'department', nextStep: null });
    await booking().publish('convention.completed', { ...ids, sealedSha256: 'a'.repeat(64), signedDownload });
    const [toOrganisation] = await kit.messagesTo(angela, 1);
    expect(toOrganisation?.subject).toBe('Convention signée par toutes les parties');
    const download = `https://salles.example.fr/api/booking${signedDownload.path}`;
    expect(toOrganisation?.text).toContain(`Télécharger la convention signée (PDF)\u00a0: ${download}`);
    expect(toOrganisation?.html).toContain(`href="${download.replace(/&/g, '&amp;')}"`);
    // When the link stops working, in Paris time, and where the document stays afterwards.
    expect(toOrganisation?.text.replace(/\u00a0/g, ' ')).toContain(
      'Ce lien fonctionne sans connexion jusqu’au mardi 1er janvier 2030 à 1 h ; ensuite',
    );
    expect(toOrganisation?.text).toContain(link);
    // The collège keeps the link to the booking's page (it downloads the document there, logged in).
    const [toCollege] = await kit.messagesTo(college, 1);
    expect(toCollege?.subject).toBe('Convention signée par toutes les parties');
    expect(toCollege?.html).toContain(`href="${link}"`);
    expect(toCollege?.text).not.toContain('/downloads/');
    expect(await kit.inbox(nathalie)).toHaveLength(0);
  });

  it('links the booking’s page only, for an event written before it carried the signed link', async () => {
    await booking().publish('convention.completed', {
      ...ids,
      conventionId: randomUUID(),
      sealedSha256: 'b'.repeat(64),
    });
    const [message] = await kit.messagesTo(angela, 1);
    expect(message?.html).toContain(`href="${link}"`);
    expect(message?.text).not.toContain('/downloads/');
  });
});
