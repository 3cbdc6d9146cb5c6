import { RETENTION_PERIODS } from '@salle/contracts';
import { defineConfig } from './define-config';
import { allRetentionVariables, retentionVariables } from './retention';

describe('retention variables', () => {
  it('read each period with the default and unit of the register, and refuse a period that is not a whole number', () => {
    const config = defineConfig(
      retentionVariables('RETENTION_MESSAGES_MONTHS', 'BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS'),
    );
    expect(config.parse({})).toEqual({ RETENTION_MESSAGES_MONTHS: 12, BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS: 5 });
    expect(config.parse({ RETENTION_MESSAGES_MONTHS: '6' }).RETENTION_MESSAGES_MONTHS).toBe(6);
    expect(() => config.parse({ RETENTION_MESSAGES_MONTHS: '0' })).toThrow(/RETENTION_MESSAGES_MONTHS/);
    expect(() => config.parse({ BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS: 'cinq' })).toThrow(
      /a positive whole number of years/,
    );
  });

  it('give the gateway every period of the register', () => {
    expect(Object.keys(defineConfig(allRetentionVariables()).parse({}))).toEqual(Object.keys(RETENTION_PERIODS));
  });
});
