// Validates Kubernetes objects (a JSON array on stdin) against the API's OpenAPI schemas, as compiled by
// the kubernetes-models package, offline. Prints a JSON array of problems, [] when all are valid.
// A module of its own because kubernetes-models is ESM-only (no `require` export), which jest's CommonJS
// runtime cannot load; deploy-check's spec runs this file with Node.
let input = '';
for await (const chunk of process.stdin) input += chunk;
const problems = [];
for (const object of JSON.parse(input)) {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  const where = `${object.kind}/${object.metadata?.name}`;
  let models;
  try {
    models = await import(`kubernetes-models/${group ? `${group}/` : ''}${version}`);
  } catch {
    problems.push(`${where}: unknown apiVersion ${object.apiVersion}`);
    continue;
  }
  const Model = models[object.kind];
  if (!Model) {
    problems.push(`${where}: unknown kind ${object.kind} in ${object.apiVersion}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${where}: ${error.message}`);
  }
}
process.stdout.write(JSON.stringify(problems));
