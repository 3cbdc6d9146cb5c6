import fs from 'node:fs';
import path from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { workspaceRoot } from './workspace';

/** Metrics from outside the code that alerts and the dashboard may use, with who exposes them. */
export const EXTERNAL_METRICS: Record<string, string> = {
  up: 'Prometheus itself, for every scraped target',
  probe_success: 'the blackbox exporter (job salle-tls)',
  probe_ssl_earliest_cert_expiry: 'the blackbox exporter (job salle-tls)',
};

const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/** The metric names a PromQL expression reads (histogram and summary series reduced to their metric's name). */
export function promqlMetrics(expression: string): string[] {
  const stripped = expression
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values and strings
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // range durations
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ''); // label lists
  const names = [...stripped.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:]|\s*\()/g)]
    .map((match) => match[1] as string)
    .filter((name) => !PROMQL_WORDS.has(name.toLowerCase()));
  return [...new Set(names.map((name) => name.replace(/_(bucket|sum|count)$/, '')))];
}

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/**
 * Every metric the services register: prom-client's default process metrics, and each name given to a
 * Counter, Gauge, Histogram or Summary in the production code of apps and libs (directly, or through the
 * events lib's `counter(registry, 'name', ...)` helpers).
 */
export function registeredMetrics(): Set<string> {
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults });
  const names = new Set(defaults.getMetricsAsArray().map((metric) => metric.name));
  for (const root of ['apps', 'libs']) {
    for (const project of fs.readdirSync(path.join(workspaceRoot, root))) {
      const src = path.join(workspaceRoot, root, project, 'src');
      if (!fs.existsSync(src)) continue;
      for (const file of sourceFiles(src)) {
        const source = fs.readFileSync(file, 'utf8');
        const declared = [
          ...source.matchAll(/new (?:Counter|Gauge|Histogram|Summary)\(\{\s*name: '([a-z_:]+)'/g),
          ...source.matchAll(/\b(?:counter|gauge|histogram|summary)\(\s*registry,\s*'([a-z_:]+)'/g),
        ];
        for (const match of declared) names.add(match[1] as string);
      }
    }
  }
  return names;
}
