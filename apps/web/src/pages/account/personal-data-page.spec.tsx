/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { PersonalDataExport } from '@salle/contracts';
import { meFor, renderScreen, skippedHeadingLevels } from '../../testing/render-screen';
import { PersonalDataPage } from './personal-data-page';

const exported: PersonalDataExport = {
  generatedAt: '2026-12-06T13:00:00.000Z',
  gateway: {
    account: {
      id: '0c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a11',
      provider: 'franceconnect',
      subject: 'b6048e95bb134ec5b1d1e1fa69f287172e91722b9354d637a1bcf2ebb0fd2ef5v1',
      claims: { given_name: 'Angela Claire Louise', family_name: 'DUBOIS', email: 'wossewodda-3728@yopmail.com' },
      createdAt: '2026-01-10T09:00:00.000Z',
      lastLoginAt: '2026-12-06T12:00:00.000Z',
    },
    activeSessions: 2,
    erasureRequests: [],
    auditLog: [],
  },
  booking: {
    memberships: [
      {
        organisationId: '5f7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b01',
        organisationName: 'Basket Club',
        role: 'owner',
        displayName: 'Angela Dubois',
        since: '2026-02-01T10:00:00.000Z',
      },
    ],
    managedEstablishments: [],
    bookings: [],
    series: [],
    invitations: [],
    auditEntries: [],
    messages: [
      {
        bookingId: '7d1e2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b',
        authorRole: 'organisation_member',
        authorName: 'Angela Dubois',
        body: 'Peut-on venir dès 9\u00a0h\u00a030\u00a0?',
        attachmentFileName: null,
        createdAt: '2026-11-02T09:00:00.000Z',
      },
    ],
    conversationsRead: [],
    insuranceCertificates: [],
    spacePhotos: [],
    paperConventions: [],
    conventionSignatures: [],
    conventionDelegations: [],
    organisationClaims: [
      {
        id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        organisationId: '5f7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b01',
        number: 'W381000456',
        claimantDisplayName: 'Angela Dubois',
        statement: 'Ce numéro est celui de notre association.',
        status: 'pending',
        decisionReason: null,
        createdAt: '2026-11-04T09:00:00.000Z',
        decidedAt: null,
      },
    ],
    auditLog: [],
  },
  notification: {
    contact: null,
    phone: null,
    preferences: [],
    organisationIds: [],
    establishmentIds: [],
    dailyDigest: { chosenAt: '2026-11-30T08:15:00.000Z' },
    recipientOf: [],
    unsubscribed: [],
    messages: [],
    auditLog: [],
  },
  payment: {
    payments: [
      {
        id: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
        bookingId: '7d1e2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b',
        provider: 'payfip',
        status: 'succeeded',
        amountCents: 3000,
        payerEmail: 'angela.dubois@example.test',
        receiptNumber: '12',
        createdAt: '2026-11-03T09:00:00.000Z',
        paidAt: '2026-11-03T09:05:00.000Z',
      },
    ],
    payoutAccountsCreated: [],
    refundsMarkedDone: [],
    invoicesMarkedPaid: [],
    flagsResolved: [],
    providerPayerDetails: [],
    payerContacts: [],
    auditLog: [],
  },
};

jest.mock('../../api/personal-data-api', () => ({ fetchPersonalData: () => Promise.resolve(exported) }));

describe('PersonalDataPage', () => {
  it('shows in French what is held about the person, headings in order', async () => {
    const { container } = renderScreen(<PersonalDataPage />, meFor());
    await screen.findByText('Votre compte');
    expect(container.textContent).toContain('Nom de naissance');
    expect(container.textContent).toContain('DUBOIS');
    expect(container.textContent).toContain(exported.gateway.account.subject);
    expect(container.textContent).toContain('Basket Club, responsable depuis le');
    expect(container.textContent).toContain('Messages écrits au sujet d’une réservation\u00a0: 1.');
    expect(container.textContent).toContain('Attestations d’assurance déposées\u00a0: 0.');
    expect(container.textContent).toContain('Aucune adresse de contact n’est enregistrée');
    expect(container.textContent).toContain('Aucun numéro de téléphone n’est enregistré');
    expect(container.textContent).toMatch(
      /30,00\u00a0€, avis de paiement envoyé à angela.dubois@example.test, payé le /,
    );
    expect(container.textContent).toContain('Factures marquées payées\u00a0: 0.');
    expect(container.textContent).toContain('Revendications d’un numéro d’organisation\u00a0: 1.');
    expect(container.textContent).toMatch(
      /récapitulatif quotidien des nouvelles demandes \(choisi le .*30 novembre 2026 à 9\u00a0h\u00a015\)/,
    );
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('shows the phone, the SMS consent and the choices of messages the person made', async () => {
    exported.notification = {
      ...exported.notification,
      phone: { number: '+33612345678', smsConsentAt: '2026-03-01T09:30:00.000Z' },
      preferences: [
        { kind: 'session_reminder', channel: 'email', enabled: false, updatedAt: '2026-03-02T10:00:00.000Z' },
      ],
    };
    try {
      const { container } = renderScreen(<PersonalDataPage />, meFor());
      await screen.findByText('Vos choix de messages');
      expect(container.textContent).toContain('Téléphone\u00a0: 06 12 34 56 78, SMS acceptés le');
      expect(container.textContent).toMatch(/par courriel\u00a0: non reçu \(depuis le /);
      expect(skippedHeadingLevels(container)).toEqual([]);
    } finally {
      exported.notification = { ...exported.notification, phone: null, preferences: [] };
    }
  });

  it('offers the same data as a JSON file', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:export';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderScreen(<PersonalDataPage />, meFor());
    fireEvent.click(await screen.findByRole('button', { name: 'Télécharger mes données (fichier JSON)' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blobs[0] as Blob);
    });
    expect(JSON.parse(text)).toEqual(exported);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe(
      'mes-donnees-salle-sur-demande-2026-12-06.json',
    );
  });
});
