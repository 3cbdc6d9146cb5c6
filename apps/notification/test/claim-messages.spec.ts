import { randomUUID } from 'node:crypto';
import { DEVELOPMENT_EVENT_SECRET_KEY, eventSecrets } from '@salle/events';
import { NotificationTestKit } from './notification-test-kit';

const NB = '\u00a0';

describe('a claim on a verified organisation’s number, told through the real SMTP sandbox', () => {
  let kit: NotificationTestKit;
  const tag = randomUUID().slice(0, 8);
  const nathalie = `nathalie.${tag}@isere.example.test`;
  const holder = `angela.${tag}@example.test`;
  const claimant = `bruno.${tag}@example.test`;
  const organisationId = randomUUID();
  const claimantAccountId = randomUUID();

  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-claims');
    if (!kit.gateway || !kit.booking) throw new Error('kit not started');
    await kit.gateway.publish('department.admins_changed', { emails: [nathalie] });
    const holderAccountId = randomUUID();
    await kit.announceContact(holderAccountId, holder, 'Angela Dubois');
    await kit.announceContact(claimantAccountId, claimant, 'Bruno Martin');
    await kit.booking.publish('organisation.membership_changed', {
      organisationId,
      accountId: holderAccountId,
      change: 'joined',
    });
    await kit.until(`SELECT count(*)::int AS n FROM notification.account_contact`, [], 2);
    await kit.until(`SELECT count(*)::int AS n FROM notification.organisation_member`, [], 1);
  }, 60_000);
  afterAll(() => kit?.stop());
  beforeEach(() => kit.clearInbox());

  function booking() {
    if (!kit.booking) throw new Error('kit not started');
    return kit.booking;
  }

  it('tells the admins of a new claim, with the link to arbitrate it, once even when redelivered', async () => {
    const eventId = await booking().publish('organisation.claim_requested', {
      claimId: randomUUID(),
      organisationId,
      organisationName: 'Les Amis du Basket',
    });
    const [message] = await kit.messagesTo(nathalie, 1);
    expect(message?.subject).toBe(`Revendication à arbitrer${NB}: Les Amis du Basket`);
    expect(message?.text).toContain(`Arbitrer la revendication${NB}: https://salles.example.fr/admin/organisations`);
    expect(await kit.inbox(holder)).toHaveLength(0);
    expect(await kit.inbox(claimant)).toHaveLength(0);

    await booking().republish(eventId);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await kit.messagesTo(nathalie, 2, 1_000)).toHaveLength(1);
  });

  it('tells both parties a claim was granted: the claimant may declare, the holder loses the number', async () => {
    await booking().publish('organisation.claim_decided', {
      claimId: randomUUID(),
      organisationId,
      organisationName: 'Les Amis du Basket',
      claimantAccountId,
      granted: true,
      reason: 'Statuts et récépissé de préfecture au nom du demandeur',
    });
    const [toClaimant] = await kit.messagesTo(claimant, 1);
    expect(toClaimant?.subject).toBe(`Revendication acceptée${NB}: Les Amis du Basket`);
    expect(toClaimant?.text).toContain(`Le département vous a donné raison${NB}: vous pouvez déclarer`);
    expect(toClaimant?.text).toContain(`Motif indiqué${NB}: Statuts et récépissé de préfecture au nom du demandeur`);
    expect(toClaimant?.html).toContain('href="https://salles.example.fr/organisations/nouvelle"');
    const [toHolder] = await kit.messagesTo(holder, 1);
    expect(toHolder?.subject).toBe(`Revendication acceptée${NB}: Les Amis du Basket`);
    expect(toHolder?.text).toContain('votre organisation ne peut plus réserver avec ce numéro.');
    expect(await kit.inbox(nathalie)).toHaveLength(0);
  });

  it('tells both parties a claim was dismissed, with the reason', async () => {
    await booking().publish('organisation.claim_decided', {
      claimId: randomUUID(),
      organisationId,
      organisationName: 'Les Amis du Basket',
      claimantAccountId,
      granted: false,
      reason: 'Aucune pièce ne prouve le lien avec l’association',
    });
    const [toClaimant] = await kit.messagesTo(claimant, 1);
    expect(toClaimant?.subject).toBe(`Revendication rejetée${NB}: Les Amis du Basket`);
    expect(toClaimant?.text).toContain('le numéro reste à l’organisation vérifiée.');
    const [toHolder] = await kit.messagesTo(holder, 1);
    expect(toHolder?.text).toContain(`rien ne change pour vous.`);
    expect(toHolder?.text).toContain(`Motif indiqué${NB}: Aucune pièce ne prouve le lien avec l’association`);
  });

  const secrets = eventSecrets(DEVELOPMENT_EVENT_SECRET_KEY);
  const sealed = (code: string) => secrets.seal(code, 'organisation.claim_code_requested');

  it('sends the one-time code of a record a collège created to its contact address, which has no account', async () => {
    const contact = `claire.${tag}@randonneurs.example`;
    await booking().publish('organisation.claim_code_requested', {
      organisationId: randomUUID(),
      organisationName: 'Les Randonneurs du Bréda',
      channel: 'email',
      to: contact,
      sealedCode: sealed('042917'),
      expiresAt: '2026-12-06T18:15:00.000Z',
    });
    const [message] = await kit.messagesTo(contact, 1);
    expect(message?.subject).toBe(`Votre code pour revendiquer Les Randonneurs du Bréda${NB}: 042917`);
    expect(message?.text).toContain(`saisissez ce code sur la page «${NB}Revendiquer un organisme${NB}»${NB}: 042917`);
    expect(message?.text).toContain('Valable jusqu’au');
    expect(message?.html).toContain('href="https://salles.example.fr/organisations/revendiquer"');
    expect(await kit.inbox(nathalie)).toHaveLength(0);
  });

  it('sends the code by SMS to the contact’s mobile when the claimant chose it, in one GSM-7 segment, and no e-mail', async () => {
    const mobile = `+3367${String(Date.now() % 10_000_000).padStart(7, '0')}`;
    await booking().publish('organisation.claim_code_requested', {
      organisationId: randomUUID(),
      organisationName: 'Les Randonneurs du Bréda',
      channel: 'sms',
      to: mobile,
      sealedCode: sealed('731504'),
      expiresAt: '2026-12-06T18:15:00.000Z',
    });
    const deadline = Date.now() + 10_000;
    while (!(await kit.smsInbox(mobile)).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const [sms, ...more] = await kit.smsInbox(mobile);
    expect(more).toEqual([]);
    expect(sms?.message).toBe(
      '731504 : votre code pour revendiquer Les Randonneurs du Bréda sur Salle sur demande. Valable 15 min. Ne le communiquez à personne.',
    );
    expect(sms).toMatchObject({ encoding: 'gsm7', segments: 1 });
    const rows = (await kit.dataSource.query(
      `SELECT channel, template FROM notification.message WHERE event_type = 'organisation.claim_code_requested' AND recipient = $1`,
      [mobile],
    )) as { channel: string; template: string }[];
    expect(rows).toEqual([{ channel: 'sms', template: 'claim_code' }]);
  });

  it('dead-letters a code sealed with another key rather than send anything', async () => {
    const contact = `intrus.${tag}@randonneurs.example`;
    await booking().publish('organisation.claim_code_requested', {
      organisationId: randomUUID(),
      organisationName: 'Les Randonneurs du Bréda',
      channel: 'email',
      to: contact,
      sealedCode: eventSecrets('another-key-that-is-at-least-32-chars!!').seal(
        '111111',
        'organisation.claim_code_requested',
      ),
      expiresAt: '2026-12-06T18:15:00.000Z',
    });
    expect(await kit.messagesTo(contact, 1, 2_000)).toEqual([]);
  });
});
