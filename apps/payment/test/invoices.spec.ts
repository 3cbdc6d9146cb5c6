import { randomUUID } from 'node:crypto';
import type { InvoiceView } from '@salle/contracts';
import { ciiValue, violatedRules } from './en16931-rules';
import { readFacturXPdf } from './factur-x-pdf';
import { agent, member, PaymentTestKit } from './payment-test-kit';

const VAT_STATEMENT = 'TVA non applicable, article 256 B du code général des impôts.';

/**
 * A commune's booking, confirmed on approval by the booking service, is paid by invoice: the payment service
 * issues a Factur-X invoice from booking.confirmed, both parties download it, the collège records its payment,
 * and a cancellation cancels it with a credit note.
 */
describe('invoices to public payers', () => {
  let kit: PaymentTestKit;
  const college = randomUUID();
  const otherCollege = randomUUID();
  const commune = randomUUID();
  const otherOrganisation = randomUUID();
  const clerk = member();
  const manager = agent();
  const payer = { siret: '21380185500015', serviceCode: 'SPORTS', engagementNumber: 'EJ-2026-0042' };
  const labels = {
    organisationName: 'Mairie d’Allevard',
    establishmentName: 'Collège Flavius Vaussenat',
    spaceName: 'Gymnase',
  };

  beforeAll(async () => {
    kit = await PaymentTestKit.start('pay-invoices');
  }, 90_000);
  afterAll(() => kit?.stop());

  const asClerk = () => kit.as(clerk, { organisations: [commune] });
  const asManager = () => kit.as(manager, { establishments: [college] });

  /** booking.confirmed as the booking service writes it for a commune's booking; the event id is returned. */
  async function confirm(overrides: { priceCents?: number; invoice?: boolean; seller?: object } = {}) {
    const bookingId = randomUUID();
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const eventId = await kit.publish('booking.confirmed', {
      bookingId,
      establishmentId: college,
      organisationId: commune,
      spaceId: randomUUID(),
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      priceCents: overrides.priceCents ?? 3200,
      paymentId: null,
      ...(overrides.invoice === false
        ? {}
        : {
            invoice: {
              payer,
              labels,
              establishmentSiret: '19380009800017',
              establishmentUai: '0380014L',
              ...overrides.seller,
            },
          }),
    });
    await kit.consumed(eventId);
    return { bookingId, eventId };
  }

  it('issues one invoice per confirmed booking of a public payer, even when the event is delivered again', async () => {
    const { bookingId, eventId } = await confirm();
    await kit.consumed(await kit.republish(eventId));
    const rows = await kit.sql<{ number: string; status: string }>(
      `SELECT number, status FROM payment.invoice WHERE booking_id = $1`,
      [bookingId],
    );
    expect(rows).toEqual([{ number: expect.stringMatching(/^FA-\d{4}-\d{6}$/), status: 'issued' }]);
    const view = await asClerk().get<InvoiceView>(`/bookings/${bookingId}/invoice`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ bookingId, status: 'issued', amountCents: 3200, payer, paymentReference: null });
    expect(new Date(view.body.dueAt).getTime() - new Date(view.body.issuedAt).getTime()).toBe(30 * 86_400_000);
  });

  it('issues none for a booking paid online or free', async () => {
    const online = await confirm({ invoice: false });
    const free = await confirm({ priceCents: 0 });
    const rows = await kit.sql(`SELECT 1 FROM payment.invoice WHERE booking_id IN ($1, $2)`, [
      online.bookingId,
      free.bookingId,
    ]);
    expect(rows).toEqual([]);
    expect((await asClerk().get(`/bookings/${online.bookingId}/invoice`)).status).toBe(404);
  });

  it('gives both parties the Factur-X PDF, whose attached XML meets the EN 16931 rules checked', async () => {
    const { bookingId } = await confirm();
    for (const party of [asClerk(), asManager()]) {
      const response = await party.get(`/bookings/${bookingId}/invoice.pdf`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toMatch(/filename="facture-FA-\d{4}-\d{6}\.pdf"/);
    }
    const pdf = await readFacturXPdf((await asClerk().get(`/bookings/${bookingId}/invoice.pdf`)).raw);
    expect(pdf.pageCount).toBe(1);
    expect(pdf.attachments.map(({ name, relationship }) => ({ name, relationship }))).toEqual([
      { name: 'factur-x.xml', relationship: 'Alternative' },
    ]);
    expect(pdf.associatedFiles).toBe(1);
    expect(pdf.metadata).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    expect(pdf.metadata).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');

    const xml = pdf.attachments[0]?.xml ?? '';
    expect(violatedRules(xml)).toEqual([]);
    const view = (await asClerk().get<InvoiceView>(`/bookings/${bookingId}/invoice`)).body;
    expect(ciiValue(xml, 'ExchangedDocument', 'ID')).toBe(view.number);
    expect(ciiValue(xml, 'ExchangedDocument', 'TypeCode')).toBe('380');
    expect(ciiValue(xml, 'ExchangedDocumentContext', 'GuidelineSpecifiedDocumentContextParameter', 'ID')).toBe(
      'urn:cen.eu:en16931:2017',
    );
    const agreement = ['SupplyChainTradeTransaction', 'ApplicableHeaderTradeAgreement'];
    expect(ciiValue(xml, ...agreement, 'BuyerReference')).toBe('SPORTS');
    expect(ciiValue(xml, ...agreement, 'BuyerOrderReferencedDocument', 'IssuerAssignedID')).toBe('EJ-2026-0042');
    expect(ciiValue(xml, ...agreement, 'BuyerTradeParty', 'SpecifiedLegalOrganization', 'ID')).toBe(payer.siret);
    expect(ciiValue(xml, ...agreement, 'BuyerTradeParty', 'Name')).toBe('Mairie d’Allevard');
    expect(ciiValue(xml, ...agreement, 'SellerTradeParty', 'SpecifiedLegalOrganization', 'ID')).toBe('19380009800017');
    const settlement = ['SupplyChainTradeTransaction', 'ApplicableHeaderTradeSettlement'];
    expect(ciiValue(xml, ...settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation', 'DuePayableAmount')).toBe(
      '32.00',
    );
    expect(xml).toContain(`<ram:ExemptionReason>${VAT_STATEMENT}</ram:ExemptionReason>`);

    expect(pdf.text).toContain(`Facture n° ${view.number}`);
    expect(pdf.text).toContain('Numéro d’engagement\u00a0: EJ-2026-0042');
    expect(pdf.text).toContain('Code service (Chorus Pro)\u00a0: SPORTS');
    expect(pdf.text).toContain('Total à payer\u00a0: 32,00\u00a0€');
    expect(pdf.text).toContain(VAT_STATEMENT);
  });

  it('identifies a collège without SIRET by its UAI (BT-29), so its invoice meets BR-CO-26', async () => {
    const { bookingId } = await confirm({ seller: { establishmentSiret: null } });
    const pdf = await readFacturXPdf((await asManager().get(`/bookings/${bookingId}/invoice.pdf`)).raw);
    const xml = pdf.attachments[0]?.xml ?? '';
    expect(violatedRules(xml)).toEqual([]);
    const seller = ['SupplyChainTradeTransaction', 'ApplicableHeaderTradeAgreement', 'SellerTradeParty'];
    expect(ciiValue(xml, ...seller, 'ID')).toBe('0380014L');
    expect(ciiValue(xml, ...seller, 'SpecifiedLegalOrganization', 'ID')).toBeUndefined();
    expect(pdf.text).toContain('UAI\u00a0: 0380014L');
    // Without either identifier (an event written before the UAI was carried), the rule is broken, as checked.
    const bare = await confirm({ seller: { establishmentSiret: null, establishmentUai: undefined } });
    const old = await readFacturXPdf((await asManager().get(`/bookings/${bare.bookingId}/invoice.pdf`)).raw);
    expect(violatedRules(old.attachments[0]?.xml ?? '')).toEqual(['BR-CO-26']);
  });

  it('finds a tampered document’s breaches: the checks can fail', async () => {
    const { bookingId } = await confirm();
    const pdf = await readFacturXPdf((await asClerk().get(`/bookings/${bookingId}/invoice.pdf`)).raw);
    const xml = pdf.attachments[0]?.xml ?? '';
    const tampered = xml
      .replace('<ram:Name>Mairie d’Allevard</ram:Name>', '')
      .replace(
        '<ram:GrandTotalAmount>32.00</ram:GrandTotalAmount>',
        '<ram:GrandTotalAmount>33.00</ram:GrandTotalAmount>',
      )
      .replace(
        /<ram:SpecifiedLegalOrganization>\s*<ram:ID schemeID="0009">19380009800017<\/ram:ID>\s*<\/ram:SpecifiedLegalOrganization>/,
        '',
      );
    expect(violatedRules(tampered)).toEqual(['BR-07', 'BR-CO-15', 'BR-CO-16', 'BR-CO-26']);
  });

  it('refuses another organisation, another collège and strangers', async () => {
    const { bookingId } = await confirm();
    const outsiders = [
      kit.as(member(), { organisations: [otherOrganisation] }),
      kit.as(agent(), { establishments: [otherCollege] }),
    ];
    for (const outsider of outsiders) {
      for (const path of ['invoice', 'invoice.pdf', 'credit-note.pdf']) {
        const response = await outsider.get(`/bookings/${bookingId}/${path}`);
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ code: 'invoice_not_found' });
      }
      expect((await outsider.post(`/bookings/${bookingId}/invoice/paid`, { paymentReference: 'X' })).status).toBe(404);
    }
    expect((await kit.as(null).get(`/bookings/${bookingId}/invoice.pdf`)).status).toBe(401);
  });

  it('is marked paid by the collège with the payment reference, never by the organisation, and only once', async () => {
    const { bookingId } = await confirm();
    const byClerk = await asClerk().post(`/bookings/${bookingId}/invoice/paid`, { paymentReference: 'MANDAT-1' });
    expect(byClerk.status).toBe(403);
    const blank = await asManager().post(`/bookings/${bookingId}/invoice/paid`, { paymentReference: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'paymentReference' }] });
    const paid = await asManager().post<InvoiceView>(`/bookings/${bookingId}/invoice/paid`, {
      paymentReference: 'MANDAT-2026-118',
    });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', paymentReference: 'MANDAT-2026-118' });
    expect(paid.body.paidAt).not.toBeNull();
    const again = await asManager().post(`/bookings/${bookingId}/invoice/paid`, { paymentReference: 'MANDAT-X' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'invoice_not_payable', title: 'Cette facture est déjà payée.' });
    const admin = await kit.as(agent(['department_admin'])).get<InvoiceView>(`/bookings/${bookingId}/invoice`);
    expect(admin.body.paymentReference).toBe('MANDAT-2026-118');
  });

  it('is cancelled by a credit note when the booking is cancelled, which cannot then be paid', async () => {
    const { bookingId } = await confirm();
    expect((await asClerk().get(`/bookings/${bookingId}/credit-note.pdf`)).status).toBe(409);
    const cancelled = await kit.publish('booking.cancelled', {
      bookingId,
      establishmentId: college,
      organisationId: commune,
      cancelledBy: 'organisation',
      refundPercent: 100,
      priceCents: 3200,
      reason: null,
      cancelledFrom: 'confirmed',
    });
    await kit.consumed(cancelled);
    const view = (await asClerk().get<InvoiceView>(`/bookings/${bookingId}/invoice`)).body;
    expect(view).toMatchObject({ status: 'cancelled', creditNoteNumber: expect.stringMatching(/^AV-\d{4}-\d{6}$/) });
    const refused = await asManager().post(`/bookings/${bookingId}/invoice/paid`, { paymentReference: 'MANDAT-3' });
    expect(refused.status).toBe(409);

    const response = await asManager().get(`/bookings/${bookingId}/credit-note.pdf`);
    expect(response.status).toBe(200);
    const pdf = await readFacturXPdf(response.raw);
    const xml = pdf.attachments[0]?.xml ?? '';
    expect(violatedRules(xml)).toEqual([]);
    expect(ciiValue(xml, 'ExchangedDocument', 'TypeCode')).toBe('381');
    expect(ciiValue(xml, 'ExchangedDocument', 'ID')).toBe(view.creditNoteNumber);
    expect(
      ciiValue(
        xml,
        'SupplyChainTradeTransaction',
        'ApplicableHeaderTradeSettlement',
        'InvoiceReferencedDocument',
        'IssuerAssignedID',
      ),
    ).toBe(view.number);
    expect(pdf.text).toContain(`Avoir n° ${view.creditNoteNumber}`);
    expect(pdf.text).toContain(`Annule la facture\u00a0: ${view.number}`);
  });

  it('lists invoices, their payment and credit notes in the accountant’s export', async () => {
    const paid = await confirm();
    await asManager().post(`/bookings/${paid.bookingId}/invoice/paid`, { paymentReference: 'MANDAT-77' });
    const cancelled = await confirm();
    const eventId = await kit.publish('booking.cancelled', {
      bookingId: cancelled.bookingId,
      establishmentId: college,
      organisationId: commune,
      cancelledBy: 'establishment',
      refundPercent: 100,
      priceCents: 3200,
      reason: 'Dégât des eaux',
      cancelledFrom: 'confirmed',
    });
    await kit.consumed(eventId);
    const csv = await asManager().get(`/establishments/${college}/accountant-export.csv`);
    expect(csv.status).toBe(200);
    const lines = csv.raw.toString('utf8').split('\r\n');
    const paidNumber = (await asManager().get<InvoiceView>(`/bookings/${paid.bookingId}/invoice`)).body.number;
    const view = (await asManager().get<InvoiceView>(`/bookings/${cancelled.bookingId}/invoice`)).body;
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `;Facture ${paidNumber};Mandat administratif;;;;32,00;Mairie d’Allevard;${paid.bookingId};Payée;MANDAT-77$`,
        ),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`;Facture ${view.number};Mandat administratif;;;;32,00;.*;Annulée par avoir;$`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `;Avoir ${view.creditNoteNumber};Mandat administratif;;;;-32,00;.*;${cancelled.bookingId};Avoir émis;$`,
        ),
      ),
    );
    expect(
      (
        await kit
          .as(agent(), { establishments: [otherCollege] })
          .get(`/establishments/${college}/accountant-export.csv`)
      ).status,
    ).toBe(403);
  });
});
