import type { DataSource } from 'typeorm';
import type { EventSecrets } from '@salle/events';
import type { ObjectStore } from '@salle/storage';
import { reply } from '@salle/http';
import type { BookingModuleHandlers } from '../access/access-policy';
import { ContactClaims } from './contact-claims';
import { OrganisationClaims } from './organisation-claims';
import { deleteRejectedOrganisation } from './organisation-deletion';
import { requesterPanel } from './requester-panel';
import { searchOrganisations } from './organisation-search';
import { OrganisationInvitations } from './organisation-invitations';
import { OrganisationRegistry } from './organisation-registry';
import { checkRegister } from './register-check';
import type { RegisterSearch } from './register-search';

type OrganisationOperations =
  | 'createOrganisation'
  | 'enterOrganisation'
  | 'lookUpOrganisation'
  | 'startContactClaim'
  | 'confirmContactClaim'
  | 'listOrganisations'
  | 'organisation'
  | 'updateOrganisation'
  | 'verifyOrganisation'
  | 'rejectOrganisation'
  | 'deleteOrganisation'
  | 'members'
  | 'changeMemberRole'
  | 'removeMember'
  | 'createInvitation'
  | 'invitations'
  | 'revokeInvitation'
  | 'lookUpInvitation'
  | 'acceptInvitation'
  | 'createClaim'
  | 'claims'
  | 'grantClaim'
  | 'dismissClaim'
  | 'organisationRegisterCheck'
  | 'requester'
  | 'searchOrganisations';

/** Organisations, their members and invitation links. Rights are checked by the registry, from the caller's `Access`. */
export function organisationHandlers(
  dataSource: DataSource,
  registerSearch: RegisterSearch,
  eventSecrets: EventSecrets,
  store: ObjectStore,
): BookingModuleHandlers<OrganisationOperations> {
  const registry = new OrganisationRegistry(dataSource);
  const invitations = new OrganisationInvitations(dataSource, eventSecrets);
  const claims = new OrganisationClaims(dataSource);
  const contactClaims = new ContactClaims(dataSource, eventSecrets);
  return {
    enterOrganisation: {
      access: 'signedIn',
      handle: ({ params, body }, { access }) => registry.enter(params.id, body, access),
    },
    lookUpOrganisation: {
      access: 'signedIn',
      handle: ({ params, query }, { access }) => registry.lookUp(params.id, query.number, access),
    },
    // The code travels in bodies, never in paths: paths end up in access logs.
    startContactClaim: {
      access: 'signedIn',
      handle: ({ body }, { access }) => contactClaims.start(body.number, access, body.channel),
    },
    confirmContactClaim: {
      access: 'signedIn',
      handle: ({ body }, { access }) => contactClaims.confirm(body.number, body.code, access),
    },
    requester: {
      access: 'signedIn',
      handle: ({ params }, { access }) => requesterPanel(dataSource, params.id, params.organisationId, access),
    },
    searchOrganisations: {
      access: 'signedIn',
      handle: ({ query }, { access }) => searchOrganisations(dataSource, query, access),
    },
    createOrganisation: { access: 'anyone', handle: ({ body }, { access }) => registry.declare(body, access) },
    listOrganisations: { access: 'anyone', handle: ({ query }, { access }) => registry.list(query, access) },
    organisation: { access: 'anyone', handle: ({ params }, { access }) => registry.get(params.id, access) },
    updateOrganisation: {
      access: 'anyone',
      handle: ({ params, body }, { access }) => registry.update(params.id, body, access),
    },
    verifyOrganisation: {
      access: 'anyone',
      handle: ({ params }, { access }) => registry.decide(params.id, { verified: true }, access),
    },
    rejectOrganisation: {
      access: 'anyone',
      handle: ({ params, body: { reason } }, { access }) =>
        registry.decide(params.id, { verified: false, reason }, access),
    },
    deleteOrganisation: {
      access: 'admin',
      handle: ({ params }, { access }) => deleteRejectedOrganisation(dataSource, store, params.id, access),
    },
    members: {
      access: 'anyone',
      handle: async ({ params }, { access }) => ({ items: await registry.members(params.id, access) }),
    },
    changeMemberRole: {
      access: 'anyone',
      handle: ({ params, body: { role } }, { access }) =>
        registry.changeRole(params.id, params.accountId, role, access),
    },
    removeMember: {
      access: 'anyone',
      handle: ({ params }, { access }) => registry.removeMember(params.id, params.accountId, access),
    },
    createInvitation: {
      access: 'anyone',
      handle: ({ params, body }, { access }) => invitations.create(params.id, body, access),
    },
    invitations: {
      access: 'anyone',
      handle: async ({ params }, { access }) => ({ items: await invitations.open(params.id, access) }),
    },
    revokeInvitation: {
      access: 'anyone',
      handle: ({ params }, { access }) => invitations.revoke(params.id, params.invitationId, access),
    },
    // The link's secret travels in bodies, never in paths: paths end up in access logs.
    lookUpInvitation: {
      access: 'anyone',
      handle: async ({ body: { token } }, { access }) =>
        reply(await invitations.preview(token, access), { headers: { 'cache-control': 'no-store' } }),
    },
    acceptInvitation: {
      access: 'anyone',
      handle: ({ body: { token } }, { access }) => invitations.accept(token, access),
    },
    organisationRegisterCheck: {
      access: 'admin',
      handle: async ({ params }, { access }) => checkRegister(await registry.get(params.id, access), registerSearch),
    },
    createClaim: { access: 'signedIn', handle: ({ body }, { access }) => claims.claim(body, access) },
    claims: {
      access: 'admin',
      handle: async ({ query }, { access }) => ({ items: await claims.list(query.status, access) }),
    },
    grantClaim: {
      access: 'admin',
      handle: ({ params, body }, { access }) => claims.decide(params.id, true, body.reason, access),
    },
    dismissClaim: {
      access: 'admin',
      handle: ({ params, body }, { access }) => claims.decide(params.id, false, body.reason, access),
    },
  };
}
