import { passesLuhn as isLuhnValid, syntheticSiret as sandboxSiret, validateSiret } from '@salle/french-identifiers';
import { faultCatalogue, faultNames } from '../faults/fault-catalogue';
import {
  departementSiret,
  faultIdentities,
  franceconnectIdentities,
  proconnectAgents,
  sandboxColleges,
  stableUuid,
} from './index';

/** The UAI check letter: the 7 digits modulo 23, in an alphabet without I, O and Q. */
function uaiCheckLetter(digits: string): string {
  return 'ABCDEFGHJKLMNPRSTUVWXYZ'[Number(digits) % 23] ?? '?';
}

describe('sandbox SIRETs', () => {
  it('are 14 digits, valid SIRETs with a valid SIREN, and obviously invented', () => {
    for (const siret of [...sandboxColleges.map((college) => college.siret), departementSiret]) {
      expect(siret).toMatch(/^9999\d{10}$/);
      expect(validateSiret(siret)).toEqual({ ok: true, value: siret });
    }
    expect(sandboxSiret('0382111')).toBe(sandboxColleges.find((college) => college.uai === '0382111N')?.siret);
  });

  it('detects a wrong digit or a non-number with the Luhn check', () => {
    const siret = sandboxSiret('0380002');
    const wrong = `${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`;
    expect(isLuhnValid(wrong)).toBe(false);
    expect(isLuhnValid('9999003840002x')).toBe(false);
    expect(() => sandboxSiret('123456789')).toThrow(/1 to 8 digits/);
  });

  it('belong to collèges with real, well-formed UAI codes', () => {
    for (const college of sandboxColleges) {
      expect(college.uai).toMatch(/^\d{7}[A-Z]$/);
      expect(college.uai[7]).toBe(uaiCheckLetter(college.uai.slice(0, 7)));
    }
    expect(new Set(sandboxColleges.map((college) => college.siret)).size).toBe(sandboxColleges.length);
  });
});

describe('ProConnect agents', () => {
  it('work at a seeded collège (same SIRET) or at the département, except the one outsider', () => {
    const collegeSirets = new Map(sandboxColleges.map((college) => [college.siret, college.uai]));
    for (const agent of proconnectAgents) {
      if (agent.role === 'establishment-manager') expect(collegeSirets.get(agent.claims.siret)).toBe(agent.uai);
      if (agent.role === 'department-admin') expect(agent.claims.siret).toBe(departementSiret);
      if (agent.role === 'other-agent') {
        expect(collegeSirets.has(agent.claims.siret)).toBe(false);
        expect(agent.claims.siret).not.toBe(departementSiret);
      }
      expect(isLuhnValid(agent.claims.siret)).toBe(true);
    }
    expect(proconnectAgents.filter((agent) => agent.role === 'department-admin').length).toBeGreaterThanOrEqual(2);
    // Every seeded collège has at least one manager.
    for (const college of sandboxColleges)
      expect(proconnectAgents.some((agent) => agent.uai === college.uai)).toBe(true);
  });

  it('have unique, stable UUID subs and unique emails', () => {
    const subs = proconnectAgents.map((agent) => agent.accountId);
    expect(new Set(subs).size).toBe(subs.length);
    expect(proconnectAgents[0]?.accountId).toBe(stableUuid('identity-sandbox:proconnect:claire.martin'));
    expect(new Set(proconnectAgents.map((agent) => agent.claims.email)).size).toBe(proconnectAgents.length);
  });
});

describe('identities', () => {
  it('have unique login keys on each federation, fault identities included', () => {
    for (const list of [
      [...franceconnectIdentities, ...faultIdentities('franceconnect')],
      [...proconnectAgents, ...faultIdentities('proconnect')],
    ]) {
      expect(new Set(list.map((identity) => identity.accountId)).size).toBe(list.length);
    }
  });

  it('give each fault one identity per federation, labelled from the catalogue', () => {
    for (const federation of ['franceconnect', 'proconnect'] as const) {
      const identities = faultIdentities(federation);
      expect(identities.map((identity) => identity.fault)).toEqual(faultNames);
      for (const identity of identities) {
        expect(identity.label).toBe(identity.fault && faultCatalogue[identity.fault].label);
      }
    }
  });

  it('format FranceConnect claims as FranceConnect does', () => {
    for (const { accountId, claims, group } of franceconnectIdentities) {
      if (group === 'malformed') continue;
      expect({ accountId, birthdate: claims.birthdate }).toEqual({
        accountId,
        birthdate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      expect({ accountId, birthplace: claims.birthplace }).toEqual({
        accountId,
        birthplace: expect.stringMatching(/^((2[AB]|\d{2})\d{3})?$/),
      });
      expect({ accountId, birthcountry: claims.birthcountry }).toEqual({
        accountId,
        birthcountry: expect.stringMatching(/^99\d{3}$/),
      });
      expect(claims.given_name_array?.join(' ')).toBe(claims.given_name);
    }
  });
});
