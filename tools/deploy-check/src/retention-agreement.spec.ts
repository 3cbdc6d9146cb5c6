// The personal-data page states the retention periods the gateway reads; each job enforces the period its own
// service reads. Both read the same variable through the same parse (`retentionVariables` of @salle/config), and
// every deployment file gives both the same value: the page cannot state a period the job does not apply.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { RETENTION_PERIODS } from '@salle/contracts';
import { deploymentEnvironments } from './kubernetes-checks';
import { renderKustomization, type K8sObject } from './kustomize';
import { readWorkspaceFile, retentionDisagreements, retentionReaders, serviceApps, workspaceRoot } from './workspace';

const apps = serviceApps();
const readers = retentionReaders(apps);

interface ComposeService {
  environment?: Record<string, string | number>;
  env_file?: string | string[];
}

/** Each compose service's variables: its env files' committed templates, then its `environment`. */
function composeEnvironments(services: Record<string, ComposeService>): Map<string, Record<string, string>> {
  return new Map(
    apps.map((app) => {
      const service = services[app] ?? {};
      const fromFiles = [service.env_file ?? []].flat().flatMap((file) => {
        const text = fs.readFileSync(path.join(workspaceRoot, `${file}.example`), 'utf8');
        return [...text.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((line) => [line[1], line[2]] as const);
      });
      const environment = Object.entries(service.environment ?? {}).map(([name, value]) => [name, String(value)]);
      return [app, Object.fromEntries([...fromFiles, ...environment]) as Record<string, string>];
    }),
  );
}

describe('the retention periods the page states and the jobs enforce', () => {
  it('are each read by the gateway, which publishes them, and by the one service that enforces it, if not the gateway', () => {
    expect(readers.size).toBe(Object.keys(RETENTION_PERIODS).length);
    const enforcer = (name: string) => readers.get(name)?.filter((app) => app !== 'gateway') ?? [];
    for (const [name, apps] of readers)
      expect({ name, gateway: apps.includes('gateway'), others: apps.length - 1 <= 1 }).toEqual({
        name,
        gateway: true,
        others: true,
      });
    // The gateway enforces its own: the inactive accounts' erasure and its audit log.
    expect(Object.keys(RETENTION_PERIODS).filter((name) => enforcer(name).length === 0)).toEqual([
      'RETENTION_INACTIVE_ACCOUNT_YEARS',
      'RETENTION_INACTIVE_ACCOUNT_NOTICE_DAYS',
      'GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS',
    ]);
    expect(enforcer('BOOKING_REJECTED_ORGANISATION_DELETE_AFTER_YEARS')).toEqual(['booking']);
    expect(enforcer('RETENTION_MESSAGES_MONTHS')).toEqual(['notification']);
    expect(enforcer('PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS')).toEqual(['payment']);
  });

  it('get the same value, or none, in docker-compose.yml', () => {
    const compose = parse(readWorkspaceFile('docker-compose.yml'), { merge: true }) as {
      services: Record<string, ComposeService>;
    };
    expect(retentionDisagreements(composeEnvironments(compose.services), readers)).toEqual([]);
    // A period set in the service's environment only is caught.
    const drifted = structuredClone(compose.services);
    (drifted['notification'] ??= {}).environment = {
      ...drifted['notification']?.environment,
      RETENTION_MESSAGES_MONTHS: 6,
    };
    expect(retentionDisagreements(composeEnvironments(drifted), readers)).toEqual([
      'RETENTION_MESSAGES_MONTHS: gateway=(default), notification=6',
    ]);
  });

  it.each(['staging', 'production'])('get the same value, or none, in the Kubernetes overlay %s', (overlay) => {
    const objects = renderKustomization(path.join(workspaceRoot, 'deploy/kubernetes/overlays', overlay));
    const environments = deploymentEnvironments(objects);
    expect([...environments.keys()].sort()).toEqual(apps);
    expect(retentionDisagreements(environments, readers)).toEqual([]);

    // The check fails when a period is set for the service and not for the gateway, or to another value.
    const configMap = (copy: K8sObject[], name: string) =>
      copy.find((object) => object.kind === 'ConfigMap' && object.metadata.name === name) as K8sObject & {
        data: Record<string, string>;
      };
    const drifted = structuredClone(objects);
    configMap(drifted, 'booking-config').data['BOOKING_RECORDS_DELETE_AFTER_YEARS'] = '12';
    expect(retentionDisagreements(deploymentEnvironments(drifted), readers)).toEqual([
      'BOOKING_RECORDS_DELETE_AFTER_YEARS: booking=12, gateway=(default)',
    ]);
    configMap(drifted, 'gateway-config').data['BOOKING_RECORDS_DELETE_AFTER_YEARS'] = '11';
    expect(retentionDisagreements(deploymentEnvironments(drifted), readers)).toEqual([
      'BOOKING_RECORDS_DELETE_AFTER_YEARS: booking=12, gateway=11',
    ]);
    configMap(drifted, 'gateway-config').data['BOOKING_RECORDS_DELETE_AFTER_YEARS'] = '12';
    expect(retentionDisagreements(deploymentEnvironments(drifted), readers)).toEqual([]);
  });
});
