import { ovhHeaders } from './ovh-signature';

describe('OVHcloud request signature', () => {
  it('signs secret+consumer+method+url+body+timestamp with SHA-1, prefixed with $1$', () => {
    const headers = ovhHeaders(
      { applicationKey: 'ak', applicationSecret: 'as', consumerKey: 'ck' },
      { method: 'POST', url: 'https://eu.api.ovh.com/1.0/sms/sms-ab12345-1/jobs', body: '{"message":"x"}' },
      1_700_000_000,
    );
    // sha1('as+ck+POST+https://eu.api.ovh.com/1.0/sms/sms-ab12345-1/jobs+{"message":"x"}+1700000000'), computed apart with sha1sum.
    expect(headers).toEqual({
      'X-Ovh-Application': 'ak',
      'X-Ovh-Consumer': 'ck',
      'X-Ovh-Timestamp': '1700000000',
      'X-Ovh-Signature': '$1$30eca30802e8f9273c51d8fe348e75049770cce0',
    });
  });
});
