import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * The subset of Kustomize our manifests use, rendered the way `kubectl apply -k` does: `resources` (files
 * and directories), strategic-merge `patches`, `namespace`, `labels` and `images`. No npm package renders
 * Kustomize (it is Go), so this is ours; a kustomization using any other field is refused rather than
 * rendered differently from kubectl.
 */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  patches?: { path: string }[];
  labels?: { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'patches', 'labels', 'images']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass']);
type Json = unknown;

export function readYamlObjects(file: string): K8sObject[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((document) => {
      if (document.errors.length) throw new Error(`${file}: ${document.errors[0]?.message}`);
      return document.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null);
}

const identity = (object: K8sObject) => `${object.kind}/${object.metadata.name}`;

/** Strategic merge as Kubernetes does it for our fields: maps merge, lists of named items merge by name, other lists are replaced. */
export function strategicMerge(target: Json, patch: Json): Json {
  if (Array.isArray(patch)) {
    const named = (list: Json[]) => list.every((item) => typeof (item as { name?: unknown })?.name === 'string');
    if (!Array.isArray(target) || !named(patch) || !named(target)) return structuredClone(patch);
    const merged = target.map((item) => {
      const override = patch.find(
        (candidate) => (candidate as { name: string }).name === (item as { name: string }).name,
      );
      return override ? strategicMerge(item, override) : item;
    });
    const added = patch.filter(
      (item) => !target.some((t) => (t as { name: string }).name === (item as { name: string }).name),
    );
    return [...merged, ...structuredClone(added)];
  }
  if (patch && typeof patch === 'object') {
    const base: Record<string, Json> =
      target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, Json>) } : {};
    // A null in a patch deletes the key, as in Kubernetes' strategic merge.
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete base[key];
      else base[key] = strategicMerge(base[key], value);
    }
    return base;
  }
  return patch;
}

function podSpecs(object: K8sObject): Record<string, Json>[] {
  const spec = object['spec'] as { template?: { spec?: Record<string, Json> } } | undefined;
  return spec?.template?.spec ? [spec.template.spec] : [];
}

function applyImages(object: K8sObject, images: NonNullable<Kustomization['images']>) {
  for (const pod of podSpecs(object)) {
    for (const container of [...((pod['initContainers'] as Json[]) ?? []), ...((pod['containers'] as Json[]) ?? [])]) {
      const current = container as { image: string };
      const [name] = current.image.split(/[:@]/);
      const rule = images.find((image) => image.name === name);
      if (rule) current.image = `${rule.newName ?? name}${rule.newTag ? `:${rule.newTag}` : ''}`;
    }
  }
}

function applyLabels(object: K8sObject, labels: NonNullable<Kustomization['labels']>) {
  for (const rule of labels) {
    if (rule.includeSelectors) throw new Error('labels.includeSelectors is not supported by this renderer');
    object.metadata.labels = { ...object.metadata.labels, ...rule.pairs };
    if (!rule.includeTemplates) continue;
    const template = (object['spec'] as { template?: { metadata?: { labels?: Record<string, string> } } })?.template;
    if (template) template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, ...rule.pairs } };
  }
}

/** Renders the kustomization in `directory` into the list of objects `kubectl apply -k directory` would send. */
export function renderKustomization(directory: string): K8sObject[] {
  const kustomization = readYamlObjects(path.join(directory, 'kustomization.yaml'))[0] as unknown as Kustomization;
  const unsupported = Object.keys(kustomization).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length) throw new Error(`${directory}: unsupported kustomization fields ${unsupported.join(', ')}`);

  const objects: K8sObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const location = path.join(directory, resource);
    const found = fs.statSync(location).isDirectory() ? renderKustomization(location) : readYamlObjects(location);
    for (const object of found) {
      if (objects.some((existing) => identity(existing) === identity(object))) {
        throw new Error(`${directory}: ${identity(object)} is declared twice`);
      }
      objects.push(object);
    }
  }
  for (const patchFile of kustomization.patches ?? []) {
    for (const patch of readYamlObjects(path.join(directory, patchFile.path))) {
      const index = objects.findIndex((object) => identity(object) === identity(patch));
      if (index < 0) throw new Error(`${directory}/${patchFile.path}: no ${identity(patch)} to patch`);
      objects[index] = strategicMerge(objects[index], patch) as K8sObject;
    }
  }
  for (const object of objects) {
    if (kustomization.namespace && !CLUSTER_SCOPED.has(object.kind))
      object.metadata.namespace = kustomization.namespace;
    if (kustomization.labels) applyLabels(object, kustomization.labels);
    if (kustomization.images) applyImages(object, kustomization.images);
  }
  return objects;
}
