import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { checkDeployments, checkExposure, checkNetworkPolicies, secretReferences } from './kubernetes-checks';
import { renderKustomization, type K8sObject } from './kustomize';
import { configVariables, envFileKeys, readWorkspaceFile, serviceApps, workspaceRoot } from './workspace';

const kubernetes = path.join(workspaceRoot, 'deploy/kubernetes');
const overlays = ['staging', 'production'];
const apps = serviceApps();
const render = (overlay: string) => renderKustomization(path.join(kubernetes, 'overlays', overlay));

/** Problems kubernetes-models finds against the Kubernetes OpenAPI schemas, in a Node process of its own (ESM). */
function schemaProblems(objects: K8sObject[]): string[] {
  const result = spawnSync(process.execPath, [path.join(__dirname, 'validate-objects.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    cwd: workspaceRoot,
  });
  if (result.status !== 0) throw new Error(`validate-objects.mjs failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as string[];
}

const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name) as K8sObject;
const clone = (objects: K8sObject[]) => structuredClone(objects);
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(overlays)('deploy/kubernetes/overlays/%s', (overlay) => {
  const objects = render(overlay);

  it('renders every object in the overlay namespace, valid against the Kubernetes schemas', () => {
    expect(objects.length).toBeGreaterThan(25);
    const namespace = overlay === 'production' ? 'salle' : 'salle-staging';
    expect(objects.filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== namespace)).toEqual([]);
    expect(schemaProblems(objects)).toEqual([]);
  });

  it('runs each service as a Deployment with 2 replicas or more, probes, limits, an autoscaler and a budget', () => {
    expect(
      objects
        .filter((o) => o.kind === 'Deployment')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(apps);
    expect(checkDeployments(objects)).toEqual([]);
  });

  it('lets traffic in only where it is needed, and the metrics only from the monitoring namespace', () => {
    expect(checkNetworkPolicies(objects)).toEqual([]);
    expect(checkExposure(objects)).toEqual([]);
  });

  it('uses the images of the overlay, by tag', () => {
    const images = objects.flatMap((o) => JSON.stringify(o).match(/"image":"[^"]+"/g) ?? []);
    expect(images.length).toBeGreaterThan(apps.length);
    expect(images.filter((image) => !/"image":"[^"]+\/salle\/[a-z]+:[\w.-]+"/.test(image))).toEqual([]);
  });

  it('writes no secret, and gives each app only configuration and secrets it reads', () => {
    const { problems, references } = secretReferences(objects);
    expect(problems).toEqual([]);
    for (const [name, readers] of references) {
      const configMap = find(objects, 'ConfigMap', name);
      const keys = configMap
        ? Object.keys((configMap['data'] as Record<string, string>) ?? {})
        : envFileKeys(readWorkspaceFile(`deploy/kubernetes/secrets/${name}.env.example`));
      expect(keys.length).toBeGreaterThan(0);
      for (const app of readers) {
        expect({ [`${name} → ${app}`]: keys.filter((key) => !configVariables(app).has(key)) }).toEqual({
          [`${name} → ${app}`]: [],
        });
      }
    }
  });

  it('serves one https origin: the Ingress host, its certificate and every public URL agree', () => {
    const ingress = find(objects, 'Ingress', 'gateway') as Any;
    const host = ingress['spec'].rules[0].host as string;
    expect(host).toMatch(/^[a-z0-9.-]+\.[a-z]+$/);
    expect(ingress['spec'].tls[0].hosts).toEqual([host]);
    const data = (name: string) => find(objects, 'ConfigMap', name)['data'] as Record<string, string>;
    expect(data('gateway-config')['GATEWAY_PUBLIC_URL']).toBe(`https://${host}`);
    expect(data('payment-config')['WEB_PUBLIC_URL']).toBe(`https://${host}`);
    expect(data('notification-config')['WEB_PUBLIC_URL']).toBe(`https://${host}`);
    // Patched over the base: the base's own keys are still there.
    expect(data('gateway-config')['BOOKING_URL']).toBe('http://booking:3001');
  });

  it('migrates every service in a Job before the rollout', () => {
    const job = find(objects, 'Job', 'salle-migrate') as Any;
    const containers = [...job['spec'].template.spec.initContainers, ...job['spec'].template.spec.containers];
    expect(containers.map((c: Any) => c['name'].replace(/-migrate$/, '')).sort()).toEqual(apps);
    for (const container of containers) expect(container.args.at(-1)).toBe('migrate');
  });
});

describe('the overlays differ where they should', () => {
  it('scales production up and keeps staging at two replicas', () => {
    const production = render('production');
    const staging = render('staging');
    const hpa = (objects: K8sObject[], name: string) => find(objects, 'HorizontalPodAutoscaler', name)['spec'] as Any;
    expect(hpa(production, 'booking')).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
    expect(hpa(staging, 'booking')).toMatchObject({ minReplicas: 2, maxReplicas: 2 });
    const booking = (find(production, 'Deployment', 'booking') as Any)['spec'];
    expect(booking.replicas).toBe(3);
    // The patch merges into the container of the same name: its probes stay.
    expect(booking.template.spec.containers).toHaveLength(1);
    expect(booking.template.spec.containers[0]).toMatchObject({
      resources: { limits: { cpu: '2' } },
      readinessProbe: { httpGet: { path: '/readyz' } },
    });
  });
});

describe('the checks themselves fail on a broken manifest', () => {
  const objects = render('production');

  it('refuses a Deployment without probes, without limits or with one replica', () => {
    const broken = clone(objects);
    const gateway = find(broken, 'Deployment', 'gateway') as Any;
    delete gateway['spec'].template.spec.containers[0].readinessProbe;
    delete gateway['spec'].template.spec.containers[0].resources.limits;
    find(broken, 'Deployment', 'booking')['spec'] = {
      ...(find(broken, 'Deployment', 'booking')['spec'] as Any),
      replicas: 1,
    };
    expect(checkDeployments(broken)).toEqual([
      'Deployment/gateway/gateway: readinessProbe must GET /readyz on port http',
      'Deployment/gateway/gateway: no cpu limit',
      'Deployment/gateway/gateway: no memory limit',
      'Deployment/booking: 1 replica(s), at least 2 wanted',
    ]);
  });

  it('refuses a Service that no NetworkPolicy of its own covers, and metrics open to another namespace', () => {
    const broken = clone(objects).filter((o) => !(o.kind === 'NetworkPolicy' && o.metadata.name === 'payment'));
    const metrics = find(broken, 'NetworkPolicy', 'metrics-from-monitoring') as Any;
    metrics['spec'].ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'] = 'default';
    expect(checkNetworkPolicies(broken)).toEqual([
      'Service/payment: no NetworkPolicy selects its pods',
      'NetworkPolicy/metrics-from-monitoring: the metrics port must be open to the monitoring namespace only',
    ]);
  });

  it('refuses an Ingress to another service than the gateway, and a Secret with values', () => {
    const broken = clone(objects);
    (find(broken, 'Ingress', 'gateway') as Any)['spec'].rules[0].http.paths[0].backend.service.name = 'booking';
    broken.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'oops' }, stringData: { A: 'b' } });
    expect(checkExposure(broken)).toEqual(['Ingress/gateway: leads elsewhere than the gateway']);
    expect(secretReferences(broken).problems).toEqual(['Secret/oops: written in the manifests']);
  });

  it('refuses an object the Kubernetes schemas reject', () => {
    const broken = clone(objects);
    (find(broken, 'HorizontalPodAutoscaler', 'gateway') as Any)['spec'].minReplicas = 'three';
    delete (find(broken, 'Service', 'booking') as Any)['spec'].ports[0].port;
    const problems = schemaProblems(broken);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^HorizontalPodAutoscaler\/gateway: .*minReplicas must be integer/);
    expect(problems[1]).toMatch(/^Service\/booking: .*port/);
  });
});
