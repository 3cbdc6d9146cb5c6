import { faultIdentities } from '../identities/fault-identities';
import { proconnectAgents } from '../identities/proconnect-agents';
import type { FederationProfile } from './federation-profile';

/** Scope → claims of ProConnect (docs/federations.md). */
const claims = {
  openid: ['sub'],
  given_name: ['given_name'],
  usual_name: ['usual_name'],
  email: ['email'],
  uid: ['uid'],
  siret: ['siret'],
  organization_label: ['organization_label'],
  idp_id: ['idp_id'],
  roles: ['roles'],
  phone: ['phone_number'],
  amr: null,
};

export const proconnectProfile: FederationProfile = {
  name: 'proconnect',
  displayName: 'ProConnect',
  identities: [...proconnectAgents, ...faultIdentities('proconnect')],
  groups: [
    { group: 'establishment', title: 'Agents des collèges' },
    { group: 'department', title: 'Administrateurs du département' },
    { group: 'other', title: 'Autres agents publics' },
    { group: 'fault', title: 'Pannes du fournisseur (tests négatifs)' },
  ],
  claims,
  scopes: Object.keys(claims).filter((name) => name !== 'amr'),
  acrValues: [
    'eidas0',
    'eidas0-mfa',
    'eidas1',
    'eidas1-mfa',
    'eidas2',
    'eidas3',
    'https://proconnect.gouv.fr/assurance/certification-dirigeant',
  ],
  loginAcr: 'eidas1',
  amr: ['pwd'],
  subjectType: 'public',
  // Access token 1 h, code 60 s, session 12 h.
  ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 1800, Session: 43200, Grant: 43200 },
  authorize: {
    allowedParams: new Set([
      'client_id',
      'response_type',
      'redirect_uri',
      'scope',
      'acr_values',
      'state',
      'nonce',
      'claims',
      'prompt',
      'idp_hint',
      'login_hint',
      'siret_hint',
      'code_challenge',
      'code_challenge_method',
      'response_mode',
      'ui_locales',
    ]),
    requiredParams: [],
    refusedAcrValues: new Set(),
    invalidParamsCode: 'Y000400',
  },
  logoutRequiresIdTokenHint: false,
  errorPageCodes: { invalid_redirect_uri: 'Y030031' },
};
