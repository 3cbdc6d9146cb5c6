import { faultIdentities } from '../identities/fault-identities';
import { franceconnectIdentities } from '../identities/franceconnect-identities';
import type { FederationProfile } from './federation-profile';

/** Scope → claims of FranceConnect v2 fcp-low (docs/federations.md), data-provider scopes left out. */
const claims = {
  openid: ['sub'],
  profile: ['given_name', 'given_name_array', 'family_name', 'birthdate', 'gender', 'preferred_username'],
  birth: ['birthplace', 'birthcountry'],
  identite_pivot: [
    'given_name',
    'given_name_array',
    'family_name',
    'birthdate',
    'gender',
    'birthplace',
    'birthcountry',
  ],
  given_name: ['given_name', 'given_name_array'],
  family_name: ['family_name'],
  gender: ['gender'],
  birthdate: ['birthdate'],
  birthplace: ['birthplace'],
  birthcountry: ['birthcountry'],
  email: ['email'],
  preferred_username: ['preferred_username'],
  idp_birthdate: ['idp_birthdate'],
  // Only through the `claims` parameter, as FranceConnect emits it only on request.
  amr: null,
};

export const franceconnectProfile: FederationProfile = {
  name: 'franceconnect',
  displayName: 'FranceConnect',
  identities: [...franceconnectIdentities, ...faultIdentities('franceconnect')],
  groups: [
    { group: 'standard', title: 'Identités de test' },
    { group: 'edge', title: 'Cas limites' },
    { group: 'malformed', title: 'Données mal formées (le service doit refuser ou signaler)' },
    { group: 'refused', title: 'Connexions refusées par FranceConnect' },
    { group: 'fault', title: 'Pannes du fournisseur (tests négatifs)' },
  ],
  claims,
  scopes: Object.keys(claims).filter((name) => name !== 'amr'),
  acrValues: ['eidas1'],
  loginAcr: 'eidas1',
  amr: ['fc', 'pwd'],
  subjectType: 'pairwise',
  // Access token 60 s, code 30 s, ID token 60 s, web session 30 min (fcp-low).
  ttl: { AccessToken: 60, AuthorizationCode: 30, IdToken: 60, Interaction: 1800, Session: 1800, Grant: 1800 },
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
      'ui_locales',
    ]),
    requiredParams: ['client_id', 'acr_values', 'state', 'nonce'],
    nonceMinLength: 22,
    allowedPrompts: new Set(['login', 'consent', 'login consent', 'consent login']),
    refusedAcrValues: new Set(['eidas2', 'eidas3']),
    invalidParamsCode: 'Y030007',
  },
  logoutRequiresIdTokenHint: true,
  errorPageCodes: { invalid_client: 'Y04EA6EF', invalid_redirect_uri: 'Y04C013C' },
};
