import { randomUUID } from 'node:crypto';
import type { PaymentChoice } from '@salle/contracts';
import { NotificationTestKit } from './notification-test-kit';

const NB = '\u00a0';

describe('the payment asked of an organisation whose request the collège entered', () => {
  let kit: NotificationTestKit;
  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-staff-payment');
  }, 60_000);
  afterAll(() => kit?.stop());
  beforeEach(() => {
    kit.now = new Date('2030-12-09T10:00:00Z');
  });

  const booking = () => {
    if (!kit.booking) throw new Error('no booking stand-in');
    return kit.booking;
  };

  /** A record the collège created, without members: its contact is the only one told, as booking announced it. */
  async function enteredOrganisation() {
    const organisationId = randomUUID();
    const contact = `contact.${organisationId.slice(0, 8)}@randonneurs.example.test`;
    await booking().publish('organisation.contact_changed', {
      organisationId,
      contactEmail: contact,
      contactPhone: null,
      smsConsent: false,
    });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.recipient WHERE party_id = $1 AND source = 'contact'`,
      [organisationId],
      1,
    );
    return { organisationId, contact };
  }

  /** The request entered and approved at once, as booking announces it. */
  async function approved(organisationId: string, paymentChoice?: PaymentChoice) {
    const ids = { bookingId: randomUUID(), establishmentId: randomUUID(), organisationId, spaceId: randomUUID() };
    const slot = { ...ids, startsAt: '2031-03-03T18:00:00.000Z', endsAt: '2031-03-03T20:00:00.000Z' };
    await booking().publish('booking.requested', {
      ...slot,
      seriesId: null,
      priceCents: 3000,
      decisionDueAt: '2031-02-20T12:00:00.000Z',
    });
    await booking().publish('booking.approved', {
      ...slot,
      priceCents: 3000,
      paymentDueAt: '2031-02-24T22:59:00.000Z',
      labels: { organisationName: 'Les Randonneurs', establishmentName: 'Collège Vaussenat', spaceName: 'Gymnase' },
      ...(paymentChoice ? { paymentChoice } : {}),
    });
    return ids.bookingId;
  }

  const approval = async (contact: string) => {
    const received = await kit.messagesTo(contact, 2);
    const message = received.find((caught) => caught.subject.startsWith(`Demande acceptée${NB}:`));
    if (!message) throw new Error(`no approval among ${received.map((caught) => caught.subject).join(' | ')}`);
    return message;
  };

  it('sends the payment link to the contact, through the claim of the record when it has no account yet', async () => {
    const { organisationId, contact } = await enteredOrganisation();
    const bookingId = await approved(organisationId, 'online');
    const message = await approval(contact);
    expect(message.text).toContain(`payez 30,00${NB}€ en ligne`);
    expect(message.text).toContain(`${kit.webUrl}/reservations/${bookingId}`);
    expect(message.text).toContain('Le collège a saisi cette demande pour votre organisme.');
    expect(message.text).toContain(`${kit.webUrl}/organisations/revendiquer`);
    expect(message.html).toContain('Payer en ligne');
  });

  it('asks for the payment at the collège’s counter when that was agreed, with no online payment offered', async () => {
    const { organisationId, contact } = await enteredOrganisation();
    const bookingId = await approved(organisationId, 'counter');
    const message = await approval(contact);
    expect(message.text).toContain(`réglez 30,00${NB}€ au guichet du collège (chèque ou espèces)`);
    expect(message.text).not.toContain('en ligne');
    expect(message.html).not.toContain('Payer en ligne');
    expect(message.text).toContain(`${kit.webUrl}/reservations/${bookingId}`);
  });

  it('leaves a member’s own request as it was: pay online, no claim', async () => {
    const { organisationId, contact } = await enteredOrganisation();
    await approved(organisationId);
    const message = await approval(contact);
    expect(message.text).toContain('en ligne');
    expect(message.text).not.toContain('revendiquer');
  });
});
