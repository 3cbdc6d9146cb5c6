import { ACCOUNTING_RETENTION_YEARS, RETENTION_PERIODS, type RetentionVariable } from '@salle/contracts';
import { ConfigError } from './config-error';
import { positiveInt } from './variables';

type PeriodVariable = ReturnType<typeof positiveInt>;

/**
 * The retention periods `names` (RETENTION_PERIODS in @salle/contracts: default and unit written there once),
 * as members of a service's configuration.
 */
export function retentionVariables<const N extends RetentionVariable>(...names: N[]): Record<N, PeriodVariable> {
  return Object.fromEntries(
    names.map((name) => [name, positiveInt(RETENTION_PERIODS[name].default, RETENTION_PERIODS[name].unit)]),
  ) as Record<N, PeriodVariable>;
}

/** Every retention period: what the gateway reads to publish them on the personal-data page. */
export function allRetentionVariables(): Record<RetentionVariable, PeriodVariable> {
  return retentionVariables(...(Object.keys(RETENTION_PERIODS) as RetentionVariable[]));
}

/**
 * The accounting period is the law's (Code de commerce, art. L123-22): a deployment may keep its accounting records
 * (`variable`, read as `years`) longer, never less. Undefined when `years` is fine or failed to parse (reported).
 */
export function checkAccountingPeriod(variable: RetentionVariable, years: number | undefined): ConfigError | undefined {
  if (years === undefined || years >= ACCOUNTING_RETENTION_YEARS) return undefined;
  return new ConfigError(variable, `at least ${ACCOUNTING_RETENTION_YEARS} years (the accounting period)`, false);
}
