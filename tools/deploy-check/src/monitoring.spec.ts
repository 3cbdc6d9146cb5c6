import { parse } from 'yaml';
import { EXTERNAL_METRICS, promqlMetrics, registeredMetrics } from './metric-names';
import { readWorkspaceFile } from './workspace';

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string; description?: string };
}

const rules = (
  parse(readWorkspaceFile('deploy/monitoring/alerts.yml')) as { groups: { rules: Rule[] }[] }
).groups.flatMap((group) => group.rules);
const dashboard = JSON.parse(readWorkspaceFile('deploy/monitoring/dashboard.json')) as {
  panels: { title: string; type: string; targets?: { expr: string }[] }[];
};
const panelExpressions = dashboard.panels.flatMap((panel) =>
  (panel.targets ?? []).map((target) => [panel.title, target.expr] as const),
);
const known = registeredMetrics();
const unknown = (expression: string) =>
  promqlMetrics(expression).filter((name) => !known.has(name) && !EXTERNAL_METRICS[name]);

describe('the metrics the code registers', () => {
  it('include the HTTP, events, notification and payment metrics and the process defaults', () => {
    for (const name of [
      'http_requests_total',
      'http_request_duration_seconds',
      'events_outbox_backlog',
      'events_consumer_lag',
      'events_dead_lettered_total',
      'notification_send_attempts_total',
      'payment_flags_open',
      'payment_webhooks_received_total',
      'process_resident_memory_bytes',
    ]) {
      expect(known.has(name)).toBe(true);
    }
    expect([...known].filter((name) => EXTERNAL_METRICS[name])).toEqual([]);
  });

  it('are read from PromQL without functions, labels, durations or keywords', () => {
    expect(
      promqlMetrics(
        'histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket{route!~"/a|b"}[5m]))) > 1 and on (x) up == 0',
      ),
    ).toEqual(['http_request_duration_seconds', 'up']);
    expect(promqlMetrics('(min by (instance) (probe_ssl_earliest_cert_expiry) - time()) / 86400 < 14')).toEqual([
      'probe_ssl_earliest_cert_expiry',
    ]);
  });
});

describe('deploy/monitoring/alerts.yml', () => {
  it('covers errors, latency, readiness, event lag, dead letters, failed e-mails, payment flags, the certificate and keys', () => {
    const watched = new Set(rules.flatMap((rule) => promqlMetrics(rule.expr)));
    for (const name of [
      'http_requests_total',
      'http_request_duration_seconds',
      'events_outbox_backlog',
      'events_consumer_lag',
      'events_delivery_seconds',
      'events_dead_lettered_total',
      'notification_send_attempts_total',
      'payment_flags_open',
      'probe_ssl_earliest_cert_expiry',
      'gateway_internal_keys_published',
    ]) {
      expect({ [name]: watched.has(name) }).toEqual({ [name]: true });
    }
  });

  it.each(rules.map((rule) => [rule.alert, rule] as const))('%s reads only registered metrics', (_name, rule) => {
    expect(unknown(rule.expr)).toEqual([]);
  });

  it.each(rules.map((rule) => [rule.alert, rule] as const))(
    '%s says how urgent it is and what to do',
    (_name, rule) => {
      expect(['page', 'ticket']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toBeTruthy();
      expect(rule.annotations?.description).toBeTruthy();
    },
  );

  it('has unique alert names', () => {
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
  });

  it('would catch a metric the code does not register', () => {
    expect(unknown('sum(rate(http_request_total[5m]))')).toEqual(['http_request_total']);
  });
});

describe('deploy/monitoring/dashboard.json', () => {
  it('has panels for every area the alerts watch', () => {
    const titles = dashboard.panels.filter((panel) => panel.type === 'row').map((panel) => panel.title);
    expect(titles).toEqual(['HTTP', 'Events', 'Notifications', 'Payments', 'Certificate, keys and processes']);
    expect(panelExpressions.length).toBeGreaterThan(20);
  });

  it.each(panelExpressions)('%s reads only registered metrics', (_title, expression) => {
    expect(unknown(expression)).toEqual([]);
  });
});
