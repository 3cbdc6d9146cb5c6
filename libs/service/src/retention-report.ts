import { Counter, type Registry } from 'prom-client';
import type { Logger } from '@salle/runtime';

/** What a retention job did to the records it found due. */
export type RetentionAction = 'deleted' | 'pseudonymised' | 'warned' | 'erased';

export type RetentionReport = (kind: string, action: RetentionAction, count: number) => void;

/**
 * How a retention job reports what it removed: the `retention_records_total{kind,action}` counter, and one log
 * line per run that did something, with counts only (never whose records they were).
 */
export function retentionReport(logger: Logger, registry: Registry): RetentionReport {
  const counter = new Counter({
    name: 'retention_records_total',
    help: 'Records the retention jobs deleted, pseudonymised, warned about or erased, by kind of data.',
    labelNames: ['kind', 'action'],
    registers: [registry],
  });
  return (kind, action, count) => {
    if (count === 0) return;
    counter.inc({ kind, action }, count);
    logger.info({ retention: kind, action, count }, 'retention applied');
  };
}
