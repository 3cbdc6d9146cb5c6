/**
 * The consent a signer ticks, versioned: the version is kept with each signature so that the evidence says which
 * words were accepted. Without zod, so that the web's pages may import it from `@salle/contracts/browser`.
 */
export const CONVENTION_CONSENT = { version: '1', text: 'J’ai lu la convention et j’accepte de la signer' } as const;
