import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { createLogger } from '@salle/runtime';
import { retentionReport } from './retention-report';

describe('retentionReport', () => {
  it('counts by kind and action, and logs counts only, nothing for a run that found nothing', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const registry = new Registry();
    const report = retentionReport(createLogger({ service: 'test', level: 'info', destination }), registry);
    report('messages', 'deleted', 3);
    report('messages', 'deleted', 0);
    report('audit_entries', 'pseudonymised', 2);
    const metric = await registry.getSingleMetric('retention_records_total')?.get();
    expect(metric?.values.map(({ labels, value }) => [labels, value])).toEqual([
      [{ kind: 'messages', action: 'deleted' }, 3],
      [{ kind: 'audit_entries', action: 'pseudonymised' }, 2],
    ]);
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ retention: 'messages', action: 'deleted', count: 3, msg: 'retention applied' }),
      expect.objectContaining({ retention: 'audit_entries', action: 'pseudonymised', count: 2 }),
    ]);
  });
});
