import {
  completesWith,
  decideSignature,
  nextSigningStep,
  type ConventionSigner,
  type ConventionSigningState,
} from './signing-order';

const SHA = 'a'.repeat(64);
const nobody: ConventionSigner = {
  provider: 'franceconnect',
  organisationRole: null,
  managesEstablishment: false,
  establishmentSignatory: false,
  admin: false,
  delegate: false,
};
const owner: ConventionSigner = { ...nobody, organisationRole: 'owner' };
const member: ConventionSigner = { ...nobody, organisationRole: 'member' };
const signatory: ConventionSigner = {
  ...nobody,
  provider: 'proconnect',
  managesEstablishment: true,
  establishmentSignatory: true,
};
const plainManager: ConventionSigner = { ...signatory, establishmentSignatory: false };
const delegate: ConventionSigner = { ...nobody, provider: 'proconnect', admin: true, delegate: true };
const plainAdmin: ConventionSigner = { ...delegate, delegate: false };

const state = (overrides: Partial<ConventionSigningState> = {}): ConventionSigningState => ({
  bookingStatus: 'approved',
  documentSha256: SHA,
  presentedSha256: SHA,
  signedSteps: [],
  ...overrides,
});

describe('signing order of the convention', () => {
  it('is the organisation, then the collège, then the département', () => {
    expect(nextSigningStep([])).toBe('organisation');
    expect(nextSigningStep(['organisation'])).toBe('establishment');
    expect(nextSigningStep(['organisation', 'establishment'])).toBe('department');
    expect(nextSigningStep(['organisation', 'establishment', 'department'])).toBeNull();
    expect(decideSignature(owner, state())).toEqual({ ok: true, step: 'organisation' });
    expect(decideSignature(signatory, state({ signedSteps: ['organisation'] }))).toEqual({
      ok: true,
      step: 'establishment',
    });
    expect(decideSignature(delegate, state({ signedSteps: ['organisation', 'establishment'] }))).toEqual({
      ok: true,
      step: 'department',
    });
  });

  it('refuses whoever comes out of order', () => {
    expect(decideSignature(signatory, state())).toMatchObject({ ok: false, code: 'convention_not_your_turn' });
    expect(decideSignature(delegate, state({ signedSteps: ['organisation'] }))).toMatchObject({
      ok: false,
      code: 'convention_not_your_turn',
    });
  });

  it('refuses a plain member, a manager not signatory, an admin without the delegation', () => {
    for (const signer of [member, plainManager, plainAdmin]) {
      expect(decideSignature(signer, state({ signedSteps: ['organisation', 'establishment'] }))).toMatchObject({
        ok: false,
        code: 'convention_signer_forbidden',
      });
    }
    expect(decideSignature(member, state())).toMatchObject({
      message: 'Seul un responsable de l’organisation peut signer la convention en son nom.',
    });
  });

  it('tells a stranger (another organisation, another collège) the booking does not exist', () => {
    expect(decideSignature(nobody, state())).toMatchObject({ ok: false, code: 'not_a_party' });
  });

  it('refuses signing twice, and once complete', () => {
    expect(decideSignature(owner, state({ signedSteps: ['organisation'] }))).toMatchObject({
      code: 'convention_already_signed',
    });
    expect(
      decideSignature(delegate, state({ signedSteps: ['organisation', 'establishment', 'department'] })),
    ).toMatchObject({
      code: 'convention_already_signed',
    });
  });

  it('refuses a cancelled, refused, expired or not yet approved booking', () => {
    for (const bookingStatus of ['cancelled', 'refused', 'expired', 'requested', 'completed'] as const) {
      expect(decideSignature(owner, state({ bookingStatus }))).toMatchObject({ code: 'convention_not_signable' });
    }
    for (const bookingStatus of ['awaiting_payment', 'confirmed'] as const) {
      expect(decideSignature(owner, state({ bookingStatus }))).toEqual({ ok: true, step: 'organisation' });
    }
  });

  it('refuses a document that is not the issued convention', () => {
    expect(decideSignature(owner, state({ presentedSha256: 'b'.repeat(64) }))).toMatchObject({
      code: 'convention_not_current',
    });
  });

  it('lets the collège signatory who also owns the organisation sign each step in its turn', () => {
    const both = { ...signatory, organisationRole: 'owner' as const };
    expect(decideSignature(both, state())).toEqual({ ok: true, step: 'organisation' });
    expect(decideSignature(both, state({ signedSteps: ['organisation'] }))).toEqual({
      ok: true,
      step: 'establishment',
    });
  });

  it('a standing delegation completes the convention right after the collège signs', () => {
    expect(completesWith(['organisation'], 'establishment', true)).toEqual({ autoDepartment: true, complete: true });
    expect(completesWith(['organisation'], 'establishment', false)).toEqual({
      autoDepartment: false,
      complete: false,
    });
    expect(completesWith([], 'organisation', true)).toEqual({ autoDepartment: false, complete: false });
    expect(completesWith(['organisation', 'establishment'], 'department', false)).toEqual({
      autoDepartment: false,
      complete: true,
    });
  });
});
