import { randomUUID } from 'node:crypto';
import { NotificationTestKit, type CaughtMessage, bookingRequested } from './notification-test-kit';

const NB = '\u00a0';

/** Messages go out side by side: find one by the start of its subject, not by its place in the inbox. */
function titled(messages: CaughtMessage[], start: string): CaughtMessage | undefined {
  return messages.find((message) => message.subject.startsWith(start));
}

describe('messages of the booking lifecycle, received through the real SMTP sandbox', () => {
  let kit: NotificationTestKit;
  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-messages');
  }, 60_000);
  afterAll(() => kit?.stop());

  /** A booking of a fresh organisation and collège, each with its people in the directory. */
  async function party() {
    const ids = {
      bookingId: randomUUID(),
      establishmentId: randomUUID(),
      organisationId: randomUUID(),
      spaceId: randomUUID(),
    };
    const tag = ids.bookingId.slice(0, 8);
    const people = {
      member: `angela.${tag}@example.test`,
      owner: `paul.${tag}@example.test`,
      manager: `julien.${tag}@example.test`,
    };
    await kit.addRecipient('organisation', ids.organisationId, people.member, 'Angela Dubois');
    await kit.addRecipient('organisation', ids.organisationId, people.owner, 'Paul Martin');
    await kit.addRecipient('establishment', ids.establishmentId, people.manager, 'Julien Bernard');
    const slot = { ...ids, startsAt: '2026-03-03T18:00:00.000Z', endsAt: '2026-03-03T20:30:00.000Z' };
    return { ids, people, slot };
  }
  /** Waits until a count the service keeps reaches `expected`. */
  async function known(sql: string, parameters: unknown[], expected: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const [row] = (await kit.dataSource.query(sql, parameters)) as { n: number }[];
      if (row?.n === expected) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`never reached ${expected}: ${sql}`);
  }
  const booking = () => {
    if (!kit.booking) throw new Error('no booking stand-in');
    return kit.booking;
  };
  const payment = () => {
    if (!kit.payment) throw new Error('no payment stand-in');
    return kit.payment;
  };

  it('tells the organisation its request was received and the collège’s managers that one awaits them, with the slot in French, the organisation’s standing and a deep link', async () => {
    const { ids, people, slot } = await party();
    await booking().publish(
      'booking.requested',
      bookingRequested({
        ...slot,
        labels: {
          organisationName: 'Basket Club de Crolles',
          establishmentName: 'Collège Flavius Vaussenat',
          spaceName: 'Gymnase',
        },
        requester: { status: 'verified', insuranceExpiresOn: '2026-09-01' },
      }),
    );

    const [toMember] = await kit.messagesTo(people.member, 1);
    const [toOwner] = await kit.messagesTo(people.owner, 1);
    const [toManager] = await kit.messagesTo(people.manager, 1);
    expect(toMember?.subject).toBe(
      `Demande de réservation reçue${NB}: mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30`,
    );
    expect(toMember?.text).toContain(
      'Votre demande de réservation a bien été transmise au collège. Il vous répondra par courriel.',
    );
    expect(toMember?.text).toContain(`Voir la demande${NB}: https://salles.example.fr/reservations/${ids.bookingId}`);
    expect(toMember?.html).toContain(`href="https://salles.example.fr/reservations/${ids.bookingId}"`);
    expect(toMember?.html).toContain('Département de l’Isère');
    expect(toOwner?.subject).toBe(toMember?.subject);
    expect(toManager?.subject).toBe(
      `Nouvelle demande de réservation${NB}: mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30`,
    );
    expect(toManager?.text).toContain(`Montant${NB}: 45,00${NB}€`);
    expect(toManager?.text).toContain(`Lieu${NB}: Gymnase, Collège Flavius Vaussenat`);
    expect(toManager?.text).toContain(`Organisation${NB}: Basket Club de Crolles`);
    expect(toManager?.text).toContain(`Vérification${NB}: organisation vérifiée par le département`);
    expect(toManager?.text).toContain(`Assurance${NB}: valable jusqu’au 1er septembre 2026`);
    expect(toManager?.html).toContain('Basket Club de Crolles');
    expect(toManager?.text).toContain(
      `Traiter la demande${NB}: https://salles.example.fr/gestion/${ids.establishmentId}/demandes`,
    );
    expect(toManager?.from).toMatch(
      /^"?Salle sur demande – bac à sable"? <ne-pas-repondre@salle-sur-demande\.localhost>$/,
    );
    expect(toManager?.messageId).toMatch(/^<[0-9a-f-]{36}@salle-sur-demande\.localhost>$/);
  });

  it('asks the organisation to pay once approved (amount, deadline, link) and confirms on payment, telling the collège it was paid', async () => {
    const { ids, people, slot } = await party();
    const labels = {
      organisationName: 'Basket Club de Crolles',
      establishmentName: 'Collège Flavius Vaussenat',
      spaceName: 'Gymnase',
    };
    await booking().publish('booking.approved', {
      ...slot,
      priceCents: 4500,
      paymentDueAt: '2026-02-23T16:30:00.000Z',
      labels,
    });
    const [approved] = await kit.messagesTo(people.member, 1);
    expect(approved?.subject).toBe(`Demande acceptée${NB}: à payer avant le lundi 23 février 2026 à 17${NB}h${NB}30`);
    expect(approved?.text).toContain(`payez 45,00${NB}€ en ligne avant le lundi 23 février 2026 à 17${NB}h${NB}30`);
    expect(approved?.text).toContain(`Lieu${NB}: Gymnase, Collège Flavius Vaussenat`);
    expect(approved?.text).toContain(`Organisation${NB}: Basket Club de Crolles`);
    expect(approved?.text).toContain(`Payer en ligne${NB}: https://salles.example.fr/reservations/${ids.bookingId}`);

    const paymentId = randomUUID();
    await payment().publish('payment.succeeded', {
      paymentId,
      bookingId: ids.bookingId,
      establishmentId: ids.establishmentId,
      amountCents: 4500,
      paidAt: '2026-02-21T09:15:00.000Z',
    });
    const calendarPath = `/calendars/organisations/${'3f'.repeat(32)}.ics`;
    const accessInstructions = {
      keys: 'Badge à retirer à la loge du gardien la veille, à rendre le lendemain.',
      alarm: '',
      caretakerContact: 'M. Roux, 06 11 22 33 44',
    };
    await booking().publish('booking.confirmed', {
      ...slot,
      priceCents: 4500,
      paymentId,
      confirmation: { calendarPath, accessInstructions },
    });
    const confirmed = titled(await kit.messagesTo(people.member, 2), 'Paiement reçu');
    expect(confirmed?.subject).toBe(
      `Paiement reçu, réservation confirmée${NB}: mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30`,
    );
    expect(confirmed?.text).toContain(`Montant payé${NB}: 45,00${NB}€`);
    // The receipt on the booking's page, the organisation's calendar feed, and how to get in (no empty line).
    expect(confirmed?.text).toContain(
      `Voir la réservation et le reçu${NB}: https://salles.example.fr/reservations/${ids.bookingId}`,
    );
    expect(confirmed?.text).toContain(
      `abonnez-vous au calendrier de votre organisation${NB}: https://salles.example.fr/api/booking${calendarPath}`,
    );
    expect(confirmed?.text).toContain('Les consignes du collège pour accéder à la salle figurent ci-dessous.');
    expect(confirmed?.text).toContain(`Clés ou badge${NB}: ${accessInstructions.keys}`);
    expect(confirmed?.text).toContain(`Contact sur place${NB}: M. Roux, 06 11 22 33 44`);
    expect(confirmed?.text).not.toContain('Alarme');
    expect(confirmed?.html).toContain('Badge à retirer à la loge du gardien');
    const [received] = await kit.messagesTo(people.manager, 1);
    // The payment event names no slot or names: the facts told by the booking's events fill them in.
    expect(received?.subject).toBe(`Paiement reçu${NB}: mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30`);
    expect(received?.text).toContain(
      `L’association a payé sa réservation le samedi 21 février 2026 à 10${NB}h${NB}15${NB}: elle est confirmée.`,
    );
    expect(received?.text).toContain(`Organisation${NB}: Basket Club de Crolles`);
  });

  it('tells a refusal with its reason, an expiry, a cancellation by the collège with its refund, and the refund itself', async () => {
    const refused = await party();
    await booking().publish('booking.requested', {
      ...refused.slot,
      seriesId: randomUUID(),
      priceCents: 0,
      decisionDueAt: '2026-02-20T12:00:00.000Z',
    });
    await booking().publish('booking.refused', { ...refused.ids, reason: 'Le gymnase est en travaux ce soir-là.' });
    const toRefused = await kit.messagesTo(refused.people.member, 2);
    const [received, refusal] = [
      titled(toRefused, 'Demande de réservation reçue'),
      titled(toRefused, 'Demande refusée'),
    ];
    expect(received?.text).toContain('Votre demande de réservation régulière a bien été transmise au collège.');
    expect(refusal?.subject).toBe(`Demande refusée${NB}: mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30`);
    expect(refusal?.text).toContain(`Motif indiqué par le collège${NB}: Le gymnase est en travaux ce soir-là.`);

    const expired = await party();
    await booking().publish('booking.approved', {
      ...expired.slot,
      priceCents: 3000,
      paymentDueAt: '2026-02-23T16:30:00.000Z',
    });
    await booking().publish('booking.expired', { ...expired.ids, expiredFrom: 'awaiting_payment' });
    const expiry = titled(await kit.messagesTo(expired.people.member, 2), 'Demande expirée');
    expect(expiry?.subject).toContain('Demande expirée');
    expect(expiry?.text).toContain('Le paiement n’a pas été reçu avant la date limite');

    const cancelled = await party();
    await booking().publish('booking.confirmed', { ...cancelled.slot, priceCents: 4500, paymentId: randomUUID() });
    await booking().publish('booking.cancelled', {
      ...cancelled.ids,
      cancelledBy: 'establishment',
      refundPercent: 100,
      priceCents: 4500,
      reason: 'Fermeture exceptionnelle du collège.',
      cancelledFrom: 'confirmed',
    });
    await payment().publish('payment.refunded', {
      paymentId: randomUUID(),
      bookingId: cancelled.ids.bookingId,
      establishmentId: cancelled.ids.establishmentId,
      refundId: randomUUID(),
      amountCents: 4500,
      refundPercent: 100,
    });
    const toCancelled = await kit.messagesTo(cancelled.people.member, 3);
    const [cancellation, refund] = [titled(toCancelled, 'Réservation annulée'), titled(toCancelled, 'Remboursement')];
    expect(cancellation?.subject).toBe(
      `Réservation annulée par le collège${NB}: mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30`,
    );
    expect(cancellation?.text).toContain(`Motif indiqué${NB}: Fermeture exceptionnelle du collège.`);
    expect(cancellation?.text).toContain(`Vous serez remboursé de 45,00${NB}€`);
    expect(refund?.subject).toBe(`Remboursement effectué${NB}: 45,00${NB}€`);
    // The collège, which cancelled, is not told its own decision.
    expect(await kit.inbox(cancelled.people.manager)).toEqual([]);

    // A département admin's cancellation is told as the département's, not the collège's.
    const byDepartment = await party();
    await booking().publish('booking.confirmed', { ...byDepartment.slot, priceCents: 0, paymentId: null });
    await booking().publish('booking.cancelled', {
      ...byDepartment.ids,
      cancelledBy: 'department',
      refundPercent: 100,
      priceCents: 0,
      reason: null,
      cancelledFrom: 'confirmed',
    });
    const departmentCancellation = titled(await kit.messagesTo(byDepartment.people.member, 2), 'Réservation annulée');
    expect(departmentCancellation?.subject).toBe(
      `Réservation annulée par le département${NB}: mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30`,
    );
    expect(departmentCancellation?.text).toContain('Le département a annulé votre réservation.');
    expect(departmentCancellation?.text).not.toContain('Le collège a annulé');
  });

  it('tells a refund whose payment event overtook the booking’s events, once they arrive, instead of dropping it', async () => {
    const early = await party();
    await payment().publish('payment.refunded', {
      paymentId: randomUUID(),
      bookingId: early.ids.bookingId,
      establishmentId: early.ids.establishmentId,
      refundId: randomUUID(),
      amountCents: 4500,
      refundPercent: 100,
    });
    // The payment stream is read first: nothing yet says whose booking this is.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await booking().publish('booking.confirmed', { ...early.slot, priceCents: 4500, paymentId: randomUUID() });
    const refund = titled(await kit.messagesTo(early.people.member, 2), 'Remboursement');
    expect(refund?.subject).toBe(`Remboursement effectué${NB}: 45,00${NB}€`);
  });

  it('tells the collège when the organisation cancels, and confirms a free booking at once', async () => {
    const { ids, people, slot } = await party();
    await booking().publish('booking.confirmed', { ...slot, priceCents: 0, paymentId: null });
    await booking().publish('booking.cancelled', {
      ...ids,
      cancelledBy: 'organisation',
      refundPercent: 0,
      priceCents: 0,
      reason: null,
      cancelledFrom: 'confirmed',
    });
    const [free] = await kit.messagesTo(people.member, 1);
    expect(free?.subject).toContain('Réservation confirmée');
    expect(free?.text).toContain(`Elle est gratuite${NB}: vous n’avez rien à payer.`);
    // An event of an older booking service carries no confirmation details: the message goes without them.
    expect(free?.text).not.toContain('consignes');
    expect(free?.text).not.toContain('calendrier');
    const [cancelled] = await kit.messagesTo(people.manager, 1);
    expect(cancelled?.subject).toBe(
      `Réservation annulée par l’association${NB}: mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30`,
    );
    expect(cancelled?.text).toContain('Aucun motif n’a été indiqué.');
  });

  it('confirms a public payer’s booking as invoiced, with its amount, not as free', async () => {
    const { people, slot } = await party();
    // Confirmed on approval without a payment: the payment service invoices the commune.
    await booking().publish('booking.confirmed', { ...slot, priceCents: 6400, paymentId: null });
    const [invoiced] = await kit.messagesTo(people.member, 1);
    expect(invoiced?.subject).toBe(`Réservation confirmée${NB}: mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30`);
    expect(invoiced?.text).toContain(
      `Le montant sera facturé à votre organisme${NB}: vous n’avez rien à payer en ligne.`,
    );
    expect(invoiced?.text).toContain(`Montant${NB}: 64,00${NB}€`);
    expect(invoiced?.text).not.toContain('gratuite');
  });

  it('tells the members the booking service announced at the e-mail the gateway announced, once each, and no longer one who left', async () => {
    const { ids, people, slot } = await party();
    const [stays, leaves] = [randomUUID(), randomUUID()];
    const tag = ids.bookingId.slice(0, 8);
    await kit.announceContact(stays, `Chloe.${tag}@example.test`, 'Chloé Petit');
    await kit.announceContact(leaves, `marc.${tag}@example.test`, 'Marc Roux');
    // Angela is also listed for the organisation as such: she gets one message, not two.
    const angela = randomUUID();
    await kit.announceContact(angela, people.member, 'Angela Dubois');
    for (const accountId of [stays, leaves, angela])
      await booking().publish('organisation.membership_changed', {
        organisationId: ids.organisationId,
        accountId,
        change: 'joined',
      });
    // Contacts, memberships and bookings travel on different streams or aggregates, so in no set order:
    // messages go to whom is known when their event is handled. Here all is known before the request.
    await known(
      `SELECT count(*)::int AS n FROM notification.organisation_member m JOIN notification.account_contact c USING (account_id) WHERE m.organisation_id = $1`,
      [ids.organisationId],
      3,
    );
    await booking().publish('booking.requested', {
      ...slot,
      seriesId: null,
      priceCents: 0,
      decisionDueAt: '2026-02-20T12:00:00.000Z',
    });
    for (const address of [`chloe.${tag}@example.test`, `marc.${tag}@example.test`, people.member])
      expect(await kit.messagesTo(address, 1)).toHaveLength(1);

    await booking().publish('organisation.membership_changed', {
      organisationId: ids.organisationId,
      accountId: leaves,
      change: 'left',
    });
    await known(
      `SELECT count(*)::int AS n FROM notification.organisation_member WHERE organisation_id = $1`,
      [ids.organisationId],
      2,
    );
    await booking().publish('booking.refused', { ...ids, reason: null });
    expect(titled(await kit.messagesTo(`chloe.${tag}@example.test`, 2), 'Demande refusée')).toBeDefined();
    expect((await kit.messagesTo(`marc.${tag}@example.test`, 2, 1_500)).map((message) => message.subject)).toEqual([
      expect.stringContaining('Demande de réservation reçue'),
    ]);
  });

  it('records a message it cannot write as failed with its reason and sends nothing half-written', async () => {
    const { ids, people } = await party();
    // No booking event told the slot: the cancellation cannot say which booking it was.
    await booking().publish('booking.cancelled', {
      ...ids,
      cancelledBy: 'establishment',
      refundPercent: 0,
      priceCents: 0,
      reason: null,
    });
    const deadline = Date.now() + 10_000;
    let row: { status: string; lastError: string | null } | undefined;
    while (!row && Date.now() < deadline) {
      row = (await kit.sendLog()).find((entry) => entry.recipient === people.member);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(row).toMatchObject({
      status: 'failed',
      lastError: `template: TemplateError: the slot of booking ${ids.bookingId} is unknown`,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await kit.inbox(people.member)).toEqual([]);
  });
});
