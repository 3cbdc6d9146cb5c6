import { facturXml, type FacturXDocument } from './factur-x';

const DOC: FacturXDocument = {
  kind: 'invoice',
  number: 'FA-2026-000100',
  issuedAt: new Date('2026-09-01T08:00:00.000Z'),
  dueAt: new Date('2026-10-01T08:00:00.000Z'),
  precedingInvoice: null,
  seller: { name: 'Collège Jacques Brel', siret: '19380009800017' },
  buyer: { name: 'Mairie d’Allevard', siret: '21380006700011', engagementNumber: 'EJ-1' },
  lines: [
    { description: 'Séance du 15 septembre', amountCents: 3200, deliveredAt: new Date('2026-09-15T16:00:00.000Z') },
    { description: 'Séance du 8 septembre', amountCents: 2550, deliveredAt: new Date('2026-09-08T16:00:00.000Z') },
  ],
  vatStatement: 'TVA non applicable, article 256 B du code général des impôts.',
};

describe('Factur-X lines', () => {
  it('writes one numbered line item per line, the header totals their sum, delivered from the earliest', () => {
    const xml = facturXml(DOC);
    expect(xml.match(/<ram:IncludedSupplyChainTradeLineItem>/g)).toHaveLength(2);
    expect(xml).toContain('<ram:LineID>1</ram:LineID>');
    expect(xml).toContain('<ram:LineID>2</ram:LineID>');
    expect(xml.match(/<ram:LineTotalAmount>(\d+\.\d{2})<\/ram:LineTotalAmount>/g)).toEqual([
      '<ram:LineTotalAmount>32.00</ram:LineTotalAmount>',
      '<ram:LineTotalAmount>25.50</ram:LineTotalAmount>',
      '<ram:LineTotalAmount>57.50</ram:LineTotalAmount>',
    ]);
    expect(xml).toContain('<ram:GrandTotalAmount>57.50</ram:GrandTotalAmount>');
    expect(xml).toMatch(/<ram:OccurrenceDateTime>\s*<udt:DateTimeString format="102">20260908</);
  });

  it('refuses a document without lines', () => {
    expect(() => facturXml({ ...DOC, lines: [] })).toThrow('at least one line');
  });
});
