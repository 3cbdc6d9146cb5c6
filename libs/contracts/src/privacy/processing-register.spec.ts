import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESSING_REGISTER } from './processing-register';
import { RETENTION_PERIODS, type RetentionVariable } from './retention';

const variables = Object.keys(RETENTION_PERIODS) as RetentionVariable[];

/** The variables the register's retention entries state, each processing's. */
const registerVariables = PROCESSING_REGISTER.flatMap((processing) =>
  processing.retention.flatMap((entry) => (typeof entry.period === 'object' ? [entry.period.variable] : [])),
);

describe('the processing register and the retention periods', () => {
  it('state every configurable period the services enforce, and no other', () => {
    // The notice before an inactive account's erasure is stated in that account's entry (retentionText).
    const stated = new Set<RetentionVariable>([...registerVariables, 'RETENTION_INACTIVE_ACCOUNT_NOTICE_DAYS']);
    expect([...stated].sort()).toEqual([...variables].sort());
  });

  it('are the periods docs/privacy.md states, with their defaults', () => {
    const docs = readFileSync(path.join(__dirname, '../../../../docs/privacy.md'), 'utf8');
    for (const variable of variables)
      expect({ variable, stated: docs.includes(`\`${variable}\` (${RETENTION_PERIODS[variable].default})`) }).toEqual({
        variable,
        stated: true,
      });
  });
});
