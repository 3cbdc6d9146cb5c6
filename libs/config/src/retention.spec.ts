import { RETENTION_PERIODS } from '@salle/contracts';
import { defineConfig } from './define-config';
import { allRetentionVariables, retentionVariables } from './retention';

describe('retention variables', () => {
  it('read each period with the default and unit of the register, and refuse a period that is not a whole number', () => {
    const config = defineConfig(retentionVariables('RETENTION_MESSAGES_MONTHS', 'RETENTION_INACTIVE_ACCOUNT_YEARS'));
    expect(config.parse({})).toEqual({ RETENTION_MESSAGES_MONTHS: 12, RETENTION_INACTIVE_ACCOUNT_YEARS: 3 });
    expect(config.parse({ RETENTION_MESSAGES_MONTHS: '6' }).RETENTION_MESSAGES_MONTHS).toBe(6);
    expect(() => config.parse({ RETENTION_MESSAGES_MONTHS: '0' })).toThrow(/RETENTION_MESSAGES_MONTHS/);
    expect(() => config.parse({ RETENTION_INACTIVE_ACCOUNT_YEARS: 'trois' })).toThrow(
      /a positive whole number of years/,
    );
  });

  it('give the gateway every period of the register', () => {
    expect(Object.keys(defineConfig(allRetentionVariables()).parse({}))).toEqual(Object.keys(RETENTION_PERIODS));
  });
});
