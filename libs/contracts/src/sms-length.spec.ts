import { smsLength } from './sms-length';

describe('SMS length', () => {
  it('fits 160 GSM-7 characters in one SMS and splits longer texts in parts of 153', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
    expect(smsLength('').segments).toBe(1);
  });

  it('keeps the French letters of the basic table (é è à ù É) in GSM-7', () => {
    expect(smsLength('Réservation acceptée à 19 h, déjà payée. Où ? École Émile')).toMatchObject({ encoding: 'gsm7' });
  });

  it('counts the extension table’s characters (€ [ ] { } ~ ^ | \\) twice', () => {
    expect(smsLength('45 €')).toEqual({ encoding: 'gsm7', units: 5, segments: 1 });
    expect(smsLength('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsLength(`${'€'.repeat(80)}a`)).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
    expect(smsLength('[]{}~^|\\').units).toBe(16);
  });

  it('switches the whole text to UCS-2 for one character outside GSM-7 (ê, ç, ’, « », emoji): 70, then 67 a part', () => {
    expect(smsLength('Fête')).toEqual({ encoding: 'ucs2', units: 4, segments: 1 });
    expect(smsLength('garçon').encoding).toBe('ucs2');
    expect(smsLength('l’école').encoding).toBe('ucs2');
    expect(smsLength(`ê${'a'.repeat(69)}`)).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(smsLength(`ê${'a'.repeat(70)}`)).toEqual({ encoding: 'ucs2', units: 71, segments: 2 });
    expect(smsLength(`ê${'a'.repeat(133)}`).segments).toBe(2);
    expect(smsLength(`ê${'a'.repeat(134)}`).segments).toBe(3);
    expect(smsLength('👍').units).toBe(2);
  });
});
