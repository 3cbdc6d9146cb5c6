import { syntheticCollegeSiret, syntheticSiren, uaiCheckLetter } from '@salle/french-identifiers';
import type { Prng } from './prng';

/**
 * The synthetic SIRET of a collège (`9999` + the UAI's digits, with the keys of a valid SIREN and SIRET):
 * the identity sandbox gives its test agents the same numbers, so every seeded
 * collège matches the agent who carries its SIRET.
 */
export const collegeSiret = syntheticCollegeSiret;

/**
 * The collèges for which the identity sandbox defines ProConnect agents
 * (apps/identity-sandbox/src/identities/proconnect-agents.ts,
 * `sandboxColleges`), with the SIRETs those agents carry. The seed gives
 * these collèges exactly these SIRETs (checked by the tests), so the agents
 * become their managers at first login.
 */
export const SANDBOX_AGENT_COLLEGE_SIRETS: Readonly<Record<string, string>> = {
  '0382111N': '99990038421115',
  '0381604M': '99990038416040',
  '0380002W': '99990038400028',
  '0382101C': '99990038421016',
  '0382430K': '99990038424309',
};

export { syntheticSiren };

/** A UAI with its check letter. */
export function uaiOf(sevenDigits: string): string {
  return `${sevenDigits}${uaiCheckLetter(sevenDigits)}`;
}

/** An RNA number as issued by an Isère registry (W381 Grenoble, W382 Vienne, W383 La Tour-du-Pin). */
export function isereRna(prng: Prng): string {
  return `W38${prng.pick(['1', '2', '3'])}${String(prng.int(0, 999_999)).padStart(6, '0')}`;
}
