/** Where in the flow a fault shows up. */
export type FaultStage = 'login' | 'callback' | 'token' | 'userinfo';

export interface FaultDefinition {
  stage: FaultStage;
  /** Shown on the login page, in French. */
  label: string;
  /** The negative cases (docs/federations.md) this fault lets a relying party test. */
  cases: readonly number[];
}

/**
 * Every way the sandbox can misbehave. Each one is a fault identity on both
 * login pages: logging in as it produces a genuinely bad artefact on the wire
 * (a re-signed or altered token, a broken response), everything else staying
 * valid, so a relying-party test fails for that one reason only.
 */
export const faultCatalogue = {
  'callback-missing-iss': { stage: 'callback', label: 'Retour sans paramètre iss', cases: [5] },
  'callback-wrong-iss': { stage: 'callback', label: "Retour avec l'iss d'un autre fournisseur", cases: [5] },
  'callback-wrong-state': { stage: 'callback', label: 'Retour avec un state différent', cases: [1] },
  'login-missing-acr': { stage: 'login', label: 'ID token sans acr', cases: [19] },
  'login-acr-eidas2': { stage: 'login', label: 'ID token avec acr eidas2', cases: [19] },
  'login-server-error': { stage: 'login', label: 'Retour avec error=server_error', cases: [22] },
  'login-temporarily-unavailable': {
    stage: 'login',
    label: 'Retour avec error=temporarily_unavailable',
    cases: [22],
  },
  'id-token-wrong-nonce': { stage: 'token', label: "ID token avec le nonce d'une autre session", cases: [4] },
  'id-token-wrong-iss': { stage: 'token', label: "ID token émis au nom d'un autre fournisseur", cases: [6] },
  'id-token-wrong-aud': { stage: 'token', label: 'ID token destiné à un autre service', cases: [7] },
  'id-token-extra-aud': { stage: 'token', label: 'ID token avec une audience de plus, sans azp', cases: [7] },
  'id-token-expired': { stage: 'token', label: 'ID token expiré', cases: [8] },
  'id-token-future-iat': { stage: 'token', label: 'ID token émis dans une heure (iat futur)', cases: [9] },
  'id-token-alg-none': { stage: 'token', label: 'ID token non signé (alg none)', cases: [10] },
  'id-token-hs256': { stage: 'token', label: 'ID token HS256 signé avec le secret client', cases: [11] },
  'id-token-rs256': { stage: 'token', label: 'ID token RS256 au lieu de ES256', cases: [12] },
  'id-token-unknown-kid': { stage: 'token', label: 'ID token signé par une clé inconnue', cases: [13] },
  'id-token-rotated-key': {
    stage: 'token',
    label: 'ID token signé par une nouvelle clé (rotation, publiée dans le JWKS)',
    cases: [13],
  },
  'id-token-bad-signature': { stage: 'token', label: 'ID token à la signature corrompue', cases: [14] },
  'id-token-missing-sub': { stage: 'token', label: 'ID token sans sub', cases: [20] },
  'token-500': { stage: 'token', label: 'Point /token en erreur 500', cases: [20] },
  'token-502': { stage: 'token', label: 'Point /token en erreur 502', cases: [20] },
  'token-503': { stage: 'token', label: 'Point /token en erreur 503', cases: [20] },
  'token-slow': { stage: 'token', label: 'Point /token très lent', cases: [20] },
  'userinfo-tampered': { stage: 'userinfo', label: 'Userinfo JWT modifié après signature', cases: [15] },
  'userinfo-json': { stage: 'userinfo', label: 'Userinfo en JSON au lieu d’un JWT', cases: [16] },
  'userinfo-other-sub': { stage: 'userinfo', label: "Userinfo pour le sub d'une autre personne", cases: [17] },
  'userinfo-wrong-aud': { stage: 'userinfo', label: 'Userinfo destiné à un autre service', cases: [18] },
  'userinfo-wrong-iss': { stage: 'userinfo', label: "Userinfo émis au nom d'un autre fournisseur", cases: [18] },
  'userinfo-expired': { stage: 'userinfo', label: 'Userinfo expiré', cases: [18] },
  'userinfo-401': { stage: 'userinfo', label: 'Point /userinfo en erreur 401', cases: [20] },
  'userinfo-500': { stage: 'userinfo', label: 'Point /userinfo en erreur 500', cases: [20] },
  'userinfo-502': { stage: 'userinfo', label: 'Point /userinfo en erreur 502', cases: [20] },
  'userinfo-503': { stage: 'userinfo', label: 'Point /userinfo en erreur 503', cases: [20] },
  'userinfo-slow': { stage: 'userinfo', label: 'Point /userinfo très lent', cases: [20] },
} as const satisfies Record<string, FaultDefinition>;

export type FaultName = keyof typeof faultCatalogue;

export const faultNames = Object.keys(faultCatalogue) as FaultName[];
