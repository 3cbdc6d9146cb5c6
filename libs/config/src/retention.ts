import { RETENTION_PERIODS, type RetentionVariable } from '@salle/contracts';
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
