// The audit entries of an organisation's members and invitation links: written by the real booking service in the
// change's transaction, read back through its GET /audit-entries as the viewer does, none for a refused change, and
// none holding an invitee's address or a link's secret.
import type { AuditEntry, CreatedInvitationView, OrganisationView } from '@salle/contracts';
import { auditEntries, summary } from './audit-entries';
import { franceConnectUser, startBookingTestService, type BookingTestService } from './booking-test-service';
import { association } from './fixtures';

describe('audit log of members and invitations', () => {
  let api: BookingTestService;
  const owner = franceConnectUser();
  const volunteer = franceConnectUser({ displayName: 'Bénévole' });
  const treasurer = franceConnectUser({ displayName: 'Trésorière' });
  const stranger = franceConnectUser({ displayName: 'Intrus' });
  let organisationId: string;

  const entries = (action: string) => auditEntries(api, { action, organisationId });
  const by = (who: typeof owner, role = 'organisation_owner') => ({
    actorAccountId: who.accountId,
    actorRole: role,
    onBehalfOf: null,
  });
  const onInvitation = (id: string) => ({
    objectType: 'organisation_invitation',
    objectId: id,
    establishmentId: null,
    organisationId,
  });
  const onMember = (who: typeof owner) => ({
    objectType: 'membership',
    objectId: who.accountId,
    establishmentId: null,
    organisationId,
  });
  const invite = (who: typeof owner, body: Record<string, string>) =>
    api.as(who).post<CreatedInvitationView>(`/organisations/${organisationId}/invitations`, body);

  beforeAll(async () => {
    api = await startBookingTestService('member_audit');
    organisationId = (await api.as(owner).post<OrganisationView>('/organisations', association())).body.id;
  });
  afterAll(() => api.stop());

  it('records invitations created and revoked by an owner: the role, whether e-mailed, never the address or secret', async () => {
    const linked = (await invite(owner, { role: 'member' })).body;
    const mailed = (await invite(owner, { role: 'owner', email: 'Bruno.Martin@example.test' })).body;
    const created = await entries('member_invitation.created');
    expect(created.map(summary)).toEqual([
      {
        action: 'member_invitation.created',
        ...by(owner),
        ...onInvitation(mailed.id),
        changes: {
          role: { before: null, after: 'owner' },
          sentByEmail: { before: null, after: true },
          expiresAt: { before: null, after: mailed.expiresAt },
        },
      },
      {
        action: 'member_invitation.created',
        ...by(owner),
        ...onInvitation(linked.id),
        changes: {
          role: { before: null, after: 'member' },
          sentByEmail: { before: null, after: false },
          expiresAt: { before: null, after: linked.expiresAt },
        },
      },
    ]);
    const text = JSON.stringify(created).toLowerCase();
    expect(text).not.toContain('bruno');
    expect(text).not.toContain(linked.token?.toLowerCase());

    expect((await api.as(owner).delete(`/organisations/${organisationId}/invitations/${mailed.id}`)).status).toBe(204);
    expect((await entries('member_invitation.revoked')).map(summary)).toEqual([
      {
        action: 'member_invitation.revoked',
        ...by(owner),
        ...onInvitation(mailed.id),
        changes: { status: { before: 'open', after: 'revoked' } },
      },
    ]);
  });

  it('records a member joining through a link, by themselves, with the role and the invitation', async () => {
    const link = (await invite(owner, { role: 'member' })).body;
    expect((await api.as(volunteer).post('/invitations/accept', { token: link.token })).status).toBe(200);
    expect((await entries('member.joined')).map(summary)).toEqual([
      {
        action: 'member.joined',
        ...by(volunteer, 'account_holder'),
        ...onMember(volunteer),
        changes: { role: { before: null, after: 'member' }, invitationId: { before: null, after: link.id } },
      },
    ]);
    // A used link is refused and joins nobody.
    expect((await api.as(treasurer).post('/invitations/accept', { token: link.token })).status).toBe(410);
    expect(await entries('member.joined')).toHaveLength(1);
  });

  it('records nothing for invitations and role changes refused to a plain member or a stranger', async () => {
    const before = await auditEntries(api, { organisationId });
    const open = (await invite(owner, { role: 'member' })).body;
    const afterInvite = await auditEntries(api, { organisationId });
    expect(afterInvite).toHaveLength(before.length + 1);
    expect((await invite(volunteer, { role: 'member' })).status).toBe(403);
    expect((await invite(stranger, { role: 'member' })).status).toBe(404);
    expect((await api.as(volunteer).delete(`/organisations/${organisationId}/invitations/${open.id}`)).status).toBe(
      403,
    );
    const promote = { role: 'owner' };
    expect(
      (await api.as(volunteer).patch(`/organisations/${organisationId}/members/${volunteer.accountId}`, promote))
        .status,
    ).toBe(403);
    expect(
      (await api.as(stranger).patch(`/organisations/${organisationId}/members/${volunteer.accountId}`, promote)).status,
    ).toBe(404);
    expect((await api.as(volunteer).delete(`/organisations/${organisationId}/members/${owner.accountId}`)).status).toBe(
      403,
    );
    expect(await auditEntries(api, { organisationId })).toEqual(afterInvite);
  });

  it('records role changes and removals, by an owner or by the member leaving', async () => {
    const link = (await invite(owner, { role: 'member' })).body;
    expect((await api.as(treasurer).post('/invitations/accept', { token: link.token })).status).toBe(200);
    const members = `/organisations/${organisationId}/members`;
    expect((await api.as(owner).patch(`${members}/${treasurer.accountId}`, { role: 'owner' })).status).toBe(200);
    expect((await entries('member.role_changed')).map(summary)).toEqual([
      {
        action: 'member.role_changed',
        ...by(owner),
        ...onMember(treasurer),
        changes: { role: { before: 'member', after: 'owner' } },
      },
    ]);

    expect((await api.as(volunteer).delete(`${members}/${volunteer.accountId}`)).status).toBe(204);
    expect((await api.as(treasurer).delete(`${members}/${owner.accountId}`)).status).toBe(204);
    const removed: AuditEntry[] = await entries('member.removed');
    expect(removed.map(summary)).toEqual([
      {
        action: 'member.removed',
        ...by(treasurer),
        ...onMember(owner),
        changes: { role: { before: 'owner', after: null } },
      },
      {
        action: 'member.removed',
        ...by(volunteer, 'organisation_member'),
        ...onMember(volunteer),
        changes: { role: { before: 'member', after: null } },
      },
    ]);
  });
});
