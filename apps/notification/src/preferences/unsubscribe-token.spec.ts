import { unsubscribeTokens } from './unsubscribe-token';

const SECRET = 'a-secret-of-thirty-two-characters-at-least';

describe('unsubscription tokens', () => {
  it('gives the same token for the same person and kind (kept once signed), another for another kind, each read back', async () => {
    const tokens = unsubscribeTokens(SECRET);
    const accountId = '0b5d4c43-6f0e-4b7e-9a39-3f7a2f0d9c11';
    const first = await tokens.sign({ accountId, kind: 'request_received' });
    expect(await tokens.sign({ accountId, kind: 'request_received' })).toBe(first);
    const other = await tokens.sign({ accountId, kind: 'booking_message' });
    expect(other).not.toBe(first);
    expect(await tokens.verify(first)).toEqual({ accountId, kind: 'request_received' });
    expect(await tokens.verify(other)).toEqual({ accountId, kind: 'booking_message' });
    // A fresh signer with the same secret writes the same token: keeping it changes nothing a link says.
    expect(await unsubscribeTokens(SECRET).sign({ accountId, kind: 'request_received' })).toBe(first);
  });

  it('keeps an address and an account apart, and refuses a token signed with another secret', async () => {
    const tokens = unsubscribeTokens(SECRET);
    const byEmail = await tokens.sign({ email: 'contact@example.test', kind: 'request_received' });
    expect(await tokens.verify(byEmail)).toEqual({ email: 'contact@example.test', kind: 'request_received' });
    const forged = await unsubscribeTokens(`${SECRET}-other`).sign({
      email: 'contact@example.test',
      kind: 'request_received',
    });
    expect(await tokens.verify(forged)).toBeNull();
  });
});
