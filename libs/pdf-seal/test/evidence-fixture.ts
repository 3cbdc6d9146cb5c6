import type { ConventionEvidence } from '../src/evidence';

/** The evidence of a convention signed in the three steps, shared by the unit and pdfsig specs. */
const hash = (c: string) => c.repeat(64);
export const EVIDENCE: ConventionEvidence = {
  conventionId: 'c0ffee00-0000-4000-8000-000000000001',
  reference: 'CONV-2026-0001',
  templateVersion: 3,
  consent: { version: '1', text: 'J’ai lu la convention et j’accepte de la signer.' },
  documentSha256: hash('a'),
  signers: [
    {
      step: 'organisation',
      name: 'Camille Martin',
      method: 'franceconnect',
      assuranceLevel: 'eidas1',
      signedAt: '2026-11-02T09:15:00.000Z',
      documentSha256: hash('b'),
    },
    {
      step: 'establishment',
      name: 'Dominique Bernard',
      method: 'proconnect',
      assuranceLevel: null,
      signedAt: '2026-11-03T14:00:00.000Z',
      documentSha256: hash('c'),
    },
    {
      step: 'department',
      name: 'Alex Petit',
      method: 'standing_delegation',
      assuranceLevel: null,
      signedAt: '2026-11-04T08:30:00.000Z',
      documentSha256: hash('d'),
    },
  ],
  completedAt: '2026-11-04T08:30:00.000Z',
};
