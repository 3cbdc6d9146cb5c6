import { AntivirusUnavailableError, parseClamdReply } from './clamd';

describe('clamd replies', () => {
  it('reads a clean file, a detection, and refuses anything else as clamd being unavailable', () => {
    expect(parseClamdReply('stream: OK\0')).toEqual({ infected: false });
    expect(parseClamdReply('stream: Win.Test.EICAR_HDB-1 FOUND\0')).toEqual({
      infected: true,
      signature: 'Win.Test.EICAR_HDB-1',
    });
    expect(() => parseClamdReply('INSTREAM size limit exceeded. ERROR\0')).toThrow(AntivirusUnavailableError);
    expect(() => parseClamdReply('')).toThrow(AntivirusUnavailableError);
  });
});
