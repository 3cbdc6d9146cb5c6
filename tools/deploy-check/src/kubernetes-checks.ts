import type { K8sObject } from './kustomize';

/**
 * The rules every rendered overlay follows, as plain functions returning the problems found (empty: none),
 * so that the spec can also prove each rule fails on a broken object.
 */
type Labels = Record<string, string>;
interface Probe {
  httpGet?: { path?: string; port?: string | number };
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: { runAsNonRoot?: boolean };
}
interface PeerRule {
  podSelector?: { matchLabels?: Labels };
  namespaceSelector?: { matchLabels?: Labels };
}
interface PolicyRule {
  from?: PeerRule[];
  ports?: { port?: string | number }[];
}

const spec = <T>(object: K8sObject) => object['spec'] as T;
const ofKind = (objects: K8sObject[], kind: string) => objects.filter((object) => object.kind === kind);
const matches = (selector: Labels | undefined, labels: Labels | undefined) =>
  Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);
const podSpec = (object: K8sObject) => spec<{ template: { spec: PodSpec } }>(object).template.spec;
const podLabels = (object: K8sObject) =>
  spec<{ template: { metadata?: { labels?: Labels } } }>(object).template.metadata?.labels ?? {};

export function checkDeployments(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const autoscalers = ofKind(objects, 'HorizontalPodAutoscaler');
  const budgets = ofKind(objects, 'PodDisruptionBudget');
  for (const deployment of ofKind(objects, 'Deployment')) {
    const name = `Deployment/${deployment.metadata.name}`;
    const replicas = spec<{ replicas?: number }>(deployment).replicas ?? 1;
    if (replicas < 2) problems.push(`${name}: ${replicas} replica(s), at least 2 wanted`);
    const hpa = autoscalers.find(
      (a) => spec<{ scaleTargetRef: { name: string } }>(a).scaleTargetRef.name === deployment.metadata.name,
    );
    if (!hpa) problems.push(`${name}: no HorizontalPodAutoscaler`);
    else if ((spec<{ minReplicas?: number }>(hpa).minReplicas ?? 1) < 2) problems.push(`${name}: autoscaler below 2`);
    const budget = budgets.find((b) =>
      matches(spec<{ selector: { matchLabels: Labels } }>(b).selector.matchLabels, podLabels(deployment)),
    );
    if (!budget) problems.push(`${name}: no PodDisruptionBudget`);
    const pod = podSpec(deployment);
    if (!pod.securityContext?.runAsNonRoot) problems.push(`${name}: not runAsNonRoot`);
    for (const container of pod.containers) problems.push(...checkContainer(`${name}/${container.name}`, container));
  }
  return problems;
}

function checkContainer(where: string, container: Container): string[] {
  const problems: string[] = [];
  const probe = (kind: 'livenessProbe' | 'readinessProbe', path: string) => {
    const get = container[kind]?.httpGet;
    if (get?.path !== path || get.port !== 'http') problems.push(`${where}: ${kind} must GET ${path} on port http`);
  };
  probe('livenessProbe', '/healthz');
  probe('readinessProbe', '/readyz');
  for (const side of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory']) {
      if (!container.resources?.[side]?.[resource]) problems.push(`${where}: no ${resource} ${side.slice(0, -1)}`);
    }
  }
  const portNames = (container.ports ?? []).map((port) => port.name);
  if (!portNames.includes('http') || !portNames.includes('metrics')) problems.push(`${where}: ports http and metrics`);
  return problems;
}

/** Every Service's pods are selected by a policy other than the default deny; ingress only from known peers. */
export function checkNetworkPolicies(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const policies = ofKind(objects, 'NetworkPolicy');
  const denyAll = policies.find(
    (p) =>
      Object.keys(spec<{ podSelector: { matchLabels?: Labels } }>(p).podSelector.matchLabels ?? {}).length === 0 &&
      !spec<{ ingress?: unknown[] }>(p).ingress,
  );
  if (!denyAll) problems.push('no default-deny ingress NetworkPolicy');
  for (const service of ofKind(objects, 'Service')) {
    const selector = spec<{ selector: Labels }>(service).selector;
    const pods = ofKind(objects, 'Deployment').find((d) => matches(selector, podLabels(d)));
    // A policy of the app's own (selecting its name), not only one for every pod such as the metrics one.
    const covering = policies.filter((p) => {
      const selector = spec<{ podSelector: { matchLabels?: Labels } }>(p).podSelector.matchLabels;
      return pods && selector?.['app.kubernetes.io/name'] && matches(selector, podLabels(pods));
    });
    if (!covering.length) problems.push(`Service/${service.metadata.name}: no NetworkPolicy selects its pods`);
  }
  for (const policy of policies) {
    for (const rule of spec<{ ingress?: PolicyRule[] }>(policy).ingress ?? []) {
      problems.push(...checkPolicyRule(`NetworkPolicy/${policy.metadata.name}`, rule));
    }
  }
  return problems;
}

/** A rule names its ports; the metrics port is open to the monitoring namespace alone, and only the gateway to the Ingress controller. */
function checkPolicyRule(where: string, rule: PolicyRule): string[] {
  const problems: string[] = [];
  const ports = (rule.ports ?? []).map((port) => port.port);
  if (!ports.length) problems.push(`${where}: a rule opens every port`);
  if (!rule.from?.length) problems.push(`${where}: a rule admits every source`);
  const namespaces = (rule.from ?? []).flatMap((peer) =>
    peer.namespaceSelector ? [peer.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name'] ?? '*'] : [],
  );
  if (ports.includes('metrics') && (namespaces.join() !== 'monitoring' || rule.from?.length !== 1)) {
    problems.push(`${where}: the metrics port must be open to the monitoring namespace only`);
  }
  if (!ports.includes('metrics') && namespaces.some((namespace) => namespace !== 'ingress-nginx')) {
    problems.push(`${where}: another namespace than the Ingress controller's reaches an API port`);
  }
  return problems;
}

/** The Ingress leads to the gateway, and nothing else is exposed outside the cluster. */
export function checkExposure(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const ingress of ofKind(objects, 'Ingress')) {
    const backends = JSON.stringify(spec(ingress)).match(/"service":\{"name":"([^"]+)"/g) ?? [];
    if (!backends.length || backends.some((backend) => !backend.endsWith('"gateway"'))) {
      problems.push(`Ingress/${ingress.metadata.name}: leads elsewhere than the gateway`);
    }
    if (!spec<{ tls?: unknown[] }>(ingress).tls?.length) problems.push(`Ingress/${ingress.metadata.name}: no TLS`);
  }
  if (ofKind(objects, 'Ingress').length !== 1) problems.push('exactly one Ingress wanted');
  for (const service of ofKind(objects, 'Service')) {
    const type = spec<{ type?: string }>(service).type ?? 'ClusterIP';
    if (type !== 'ClusterIP') problems.push(`Service/${service.metadata.name}: type ${type} exposes it`);
  }
  return problems;
}

/** No secret value in the manifests: Secrets are referenced, and created from the templates in deploy/kubernetes/secrets. */
export function secretReferences(objects: K8sObject[]): { problems: string[]; references: Map<string, string[]> } {
  const problems = ofKind(objects, 'Secret').map(
    (secret) => `Secret/${secret.metadata.name}: written in the manifests`,
  );
  const references = new Map<string, string[]>();
  for (const workload of [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')]) {
    const pod = podSpec(workload);
    for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
      const app = container.image.split('/').at(-1)?.split(':')[0] ?? '';
      for (const source of container.envFrom ?? []) {
        const name = source.secretRef?.name ?? source.configMapRef?.name;
        if (name) references.set(name, [...new Set([...(references.get(name) ?? []), app])]);
      }
    }
  }
  return { problems, references };
}

/**
 * The variables each service's Deployment gets from its ConfigMaps (`envFrom`, later ones winning), by app: what
 * the retention periods' agreement is checked on. Secrets are left out: no period is a secret.
 */
export function deploymentEnvironments(objects: K8sObject[]): Map<string, Record<string, string>> {
  const configMaps = new Map(
    ofKind(objects, 'ConfigMap').map((map) => [map.metadata.name, (map['data'] as Record<string, string>) ?? {}]),
  );
  return new Map(
    ofKind(objects, 'Deployment').flatMap((deployment) =>
      podSpec(deployment).containers.map((container) => {
        const app = container.image.split('/').at(-1)?.split(':')[0] ?? '';
        const names = (container.envFrom ?? []).flatMap((source) => source.configMapRef?.name ?? []);
        return [app, Object.assign({}, ...names.map((name) => configMaps.get(name) ?? {})) as Record<string, string>];
      }),
    ),
  );
}
