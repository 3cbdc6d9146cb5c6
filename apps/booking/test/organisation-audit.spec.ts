// The audit entries of an organisation's declaration and own edits, its insurance certificate, its calendar link and
// the claims on its number: written by the real booking service in the change's transaction, read back through its
// GET /audit-entries as the viewer does, none for a refused change, none holding a contact's details.
import type { AuditEntry, ClaimView, InsuranceCertificateView, OrganisationView } from '@salle/contracts';
import { auditEntries, summary } from './audit-entries';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { association } from './fixtures';
import { certificatePdf } from './pdf-fixture';

describe('audit log of organisations', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const owner = franceConnectUser();
  const plainMember = franceConnectUser({ displayName: 'Jean Martin' });
  const stranger = franceConnectUser({ displayName: 'Intrus' });
  let organisationId: string;

  const entries = (action: string) => auditEntries(api, { action, organisationId });
  const asOwner = () => ({ actorAccountId: owner.accountId, actorRole: 'organisation_owner', onBehalfOf: null });
  const onOrganisation = () => ({
    objectType: 'organisation',
    objectId: organisationId,
    establishmentId: null,
    organisationId,
  });

  beforeAll(async () => {
    api = await startBookingTestService('organisation_audit');
    organisationId = (await api.as(owner).post<OrganisationView>('/organisations', association())).body.id;
    const link = await api.as(owner).post<{ token: string }>(`/organisations/${organisationId}/invitations`, {});
    await api.as(plainMember).post('/invitations/accept', { token: link.body.token });
  });
  afterAll(() => api.stop());

  it('records a declaration by its declarant, with its identifiers and status, and nothing for a refused one', async () => {
    const agent = proConnectAgent();
    expect((await api.as(agent).post('/organisations', association({ rna: 'W381000999' }))).status).toBe(403);
    expect(await auditEntries(api, { action: 'organisation.created', actorAccountId: agent.accountId })).toEqual([]);
    expect((await entries('organisation.created')).map(summary)).toEqual([
      {
        action: 'organisation.created',
        actorAccountId: owner.accountId,
        actorRole: 'account_holder',
        onBehalfOf: null,
        ...onOrganisation(),
        changes: {
          status: { before: null, after: 'pending' },
          kind: { before: null, after: 'association' },
          rna: { before: null, after: association().rna },
          insuranceExpiresOn: { before: null, after: association().insuranceExpiresOn },
        },
      },
    ]);
  });

  describe('its owners’ edits', () => {
    const contact = {
      contactName: 'Jeanne Martin',
      contactPhone: '06 12 34 56 78',
      contactEmail: 'jeanne@example.test',
    };

    it('records the fields changed, the contact’s details masked', async () => {
      const edited = await api
        .as(owner)
        .patch<OrganisationView>(`/organisations/${organisationId}`, { communeName: 'Pontcharra', ...contact });
      expect(edited.status).toBe(200);
      const phone = await api.as(owner).patch(`/organisations/${organisationId}`, { contactPhone: '06 98 76 54 32' });
      expect(phone.status).toBe(200);
      const written = await entries('organisation.updated');
      expect(written.map(summary)).toEqual([
        {
          action: 'organisation.updated',
          ...asOwner(),
          ...onOrganisation(),
          changes: { contactPhone: { before: '(masqué)', after: '(masqué)' } },
        },
        {
          action: 'organisation.updated',
          ...asOwner(),
          ...onOrganisation(),
          changes: {
            communeName: { before: association().communeName, after: 'Pontcharra' },
            contactName: { before: null, after: '(masqué)' },
            contactPhone: { before: null, after: '(masqué)' },
            contactEmail: { before: null, after: '(masqué)' },
          },
        },
      ]);
      const text = JSON.stringify(written);
      for (const personal of ['Jeanne', 'jeanne@', '612345678', '698765432']) expect(text).not.toContain(personal);
    });

    it('records nothing for an edit refused to a plain member or a stranger', async () => {
      const before = await auditEntries(api, { organisationId });
      expect(
        (await api.as(plainMember).patch(`/organisations/${organisationId}`, { communeName: 'Goncelin' })).status,
      ).toBe(403);
      expect(
        (await api.as(stranger).patch(`/organisations/${organisationId}`, { communeName: 'Goncelin' })).status,
      ).toBe(404);
      expect(await auditEntries(api, { organisationId })).toEqual(before);
    });
  });

  it('records an insurance certificate uploaded, with the reference and expiry it set, and nothing for a refused one', async () => {
    const pdf = await certificatePdf();
    const upload = (who: typeof owner) =>
      api.as(who).postBytes<InsuranceCertificateView>(
        `/organisations/${organisationId}/insurance-certificate?${new URLSearchParams({
          insurer: 'MAIF',
          policyNumber: 'RC-2026-4471',
          expiresOn: '2099-12-31',
          fileName: 'attestation.pdf',
        })}`,
        pdf,
        'application/octet-stream',
      );
    expect((await upload(plainMember)).status).toBe(403);
    expect((await upload(stranger)).status).toBe(404);
    expect(await entries('organisation.insurance_certificate_uploaded')).toEqual([]);
    const certificate = (await upload(owner)).body;
    expect((await entries('organisation.insurance_certificate_uploaded')).map(summary)).toEqual([
      {
        action: 'organisation.insurance_certificate_uploaded',
        ...asOwner(),
        objectType: 'insurance_certificate',
        objectId: certificate.id,
        establishmentId: null,
        organisationId,
        changes: {
          insuranceReference: { before: association().insuranceReference, after: 'MAIF RC-2026-4471' },
          insuranceExpiresOn: { before: association().insuranceExpiresOn, after: '2099-12-31' },
        },
      },
    ]);
  });

  it('records who renewed the calendar link, without its secret, and nothing for a refused renewal', async () => {
    const route = `/organisations/${organisationId}/calendar-link`;
    expect((await api.as(plainMember).post(route)).status).toBe(403);
    expect((await api.as(stranger).post(route)).status).toBe(404);
    expect(await entries('organisation.calendar_link_rotated')).toEqual([]);
    const renewed = (await api.as(owner).post<{ path: string }>(route)).body.path;
    const written: AuditEntry[] = await entries('organisation.calendar_link_rotated');
    expect(written.map(summary)).toEqual([
      { action: 'organisation.calendar_link_rotated', ...asOwner(), ...onOrganisation(), changes: {} },
    ]);
    expect(JSON.stringify(written)).not.toContain(renewed.replace(/^.*\/(\w+)\.ics$/, '$1'));
  });

  describe('claims on its number', () => {
    const claimant = franceConnectUser({ displayName: 'Vrai président' });
    const statement = 'Notre association porte ce numéro depuis 1998, voir le Journal officiel.';
    const rna = association().rna as string;
    const claim = () => api.as(claimant).post<ClaimView>('/organisation-claims', { number: rna, statement });
    const onClaim = (id: string) => ({
      objectType: 'organisation_claim',
      objectId: id,
      establishmentId: null,
      organisationId,
    });
    const byAdmin = { actorAccountId: admin.accountId, actorRole: 'department_admin', onBehalfOf: null };

    beforeAll(async () => {
      expect((await api.as(admin).post(`/organisations/${organisationId}/verify`)).status).toBe(200);
    });

    it('records a claim once, by its claimant, with the number and not the statement', async () => {
      const first = (await claim()).body;
      expect((await claim()).body.id).toBe(first.id);
      const written = await entries('organisation_claim.created');
      expect(written.map(summary)).toEqual([
        {
          action: 'organisation_claim.created',
          actorAccountId: claimant.accountId,
          actorRole: 'account_holder',
          onBehalfOf: null,
          ...onClaim(first.id),
          changes: { status: { before: null, after: 'pending' }, number: { before: null, after: rna } },
        },
      ]);
      expect(JSON.stringify(written)).not.toContain('Journal officiel');
    });

    it('records an admin’s dismissal and grant (the holder then rejected), and nothing for a refused decision', async () => {
      const pending = (await claim()).body;
      const reason = { reason: 'Pièces insuffisantes.' };
      expect((await api.as(claimant).post(`/organisation-claims/${pending.id}/dismiss`, reason)).status).toBe(403);
      expect((await api.as(owner).post(`/organisation-claims/${pending.id}/grant`, reason)).status).toBe(403);
      expect(await entries('organisation_claim.dismissed')).toEqual([]);
      expect(await entries('organisation_claim.granted')).toEqual([]);

      expect((await api.as(admin).post(`/organisation-claims/${pending.id}/dismiss`, reason)).status).toBe(200);
      expect((await entries('organisation_claim.dismissed')).map(summary)).toEqual([
        {
          action: 'organisation_claim.dismissed',
          ...byAdmin,
          ...onClaim(pending.id),
          changes: { status: { before: 'pending', after: 'dismissed' } },
        },
      ]);

      const again = (await claim()).body;
      const grant = { reason: 'Le Journal officiel attribue ce numéro à une autre association.' };
      expect((await api.as(admin).post(`/organisation-claims/${again.id}/grant`, grant)).status).toBe(200);
      expect((await entries('organisation_claim.granted')).map(summary)).toEqual([
        {
          action: 'organisation_claim.granted',
          ...byAdmin,
          ...onClaim(again.id),
          changes: {
            status: { before: 'pending', after: 'granted' },
            organisationStatus: { before: 'verified', after: 'rejected' },
          },
        },
      ]);
    });
  });
});
