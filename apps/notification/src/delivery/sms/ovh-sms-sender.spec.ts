import { isPermanent } from './ovh-sms-sender';

describe('what an OVHcloud refusal says about trying again', () => {
  it('gives up on a refusal of the message itself', () => {
    expect(isPermanent(400, 'INVALID_BODY')).toBe(true);
    expect(isPermanent(404, 'RESOURCE_NOT_FOUND')).toBe(true);
  });

  it('retries what the deployment or OVHcloud will fix: unavailability, limits, keys, signature, clock', () => {
    expect(isPermanent(503, 'SANDBOX_FAULT')).toBe(false);
    expect(isPermanent(500, undefined)).toBe(false);
    expect(isPermanent(429, undefined)).toBe(false);
    expect(isPermanent(403, 'INVALID_CREDENTIAL')).toBe(false);
    expect(isPermanent(401, undefined)).toBe(false);
    expect(isPermanent(400, 'INVALID_SIGNATURE')).toBe(false);
    expect(isPermanent(400, 'QUERY_TIME_OUT')).toBe(false);
  });
});
