#!/usr/bin/env node
// Measures what each Nx target of `npm test` costs: runs the targets one at a time, outside Nx (no cache, no
// parallelism, so that one target's figures are not mixed with another's), and prints a table sorted by CPU
// seconds. CPU seconds (user + sys of the whole process tree: jest workers, services a spec spawns, Chromium)
// barely move with the machine's load, unlike wall seconds; PostgreSQL's and Redis's own CPU is not counted
// (they are shared servers), so a target that migrates many databases costs more than its figure says.
//
//   node tools/test-runner/bin/profile-targets.cjs [--targets=test,integration] [--projects=booking,gateway]
//        [--out=dist/test-profile/<name>.json]
//
// The JSON written to --out (default dist/test-profile/latest.json) keeps the figures to compare runs.
'use strict';
// eslint-disable-next-line @nx/enforce-module-boundaries
if (require('../../node-runtime/ensure-node.cjs').rerunUnderSupportedNode(__filename)) return;
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { ensureTestInfra } = require('@salle/testing/infra');

const root = path.resolve(__dirname, '../../..');
const ORDER = ['lint', 'typecheck', 'build', 'test', 'integration'];

function option(name) {
  const arg = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : undefined;
}

/** Every project's targets with the command Nx would run, read from the project graph. */
function projectTargets(env) {
  const file = path.join(os.tmpdir(), `salle-graph-${process.pid}.json`);
  execFileSync('npx', ['nx', 'graph', `--file=${file}`], { cwd: root, env, stdio: 'ignore' });
  const graph = JSON.parse(fs.readFileSync(file, 'utf8')).graph.nodes;
  fs.rmSync(file, { force: true });
  return Object.entries(graph).map(([name, node]) => ({ name, root: node.data.root, targets: node.data.targets }));
}

/** Runs one shell command under /usr/bin/time; resolves to its exit code, wall and CPU seconds. */
function measure(command, cwd, env, log) {
  const timeFile = path.join(os.tmpdir(), `salle-time-${process.pid}-${Date.now()}`);
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/time', ['-q', '-f', '%e %U %S', '-o', timeFile, 'sh', '-c', command], {
      cwd,
      env,
      stdio: ['ignore', log, log],
    });
    child.on('exit', (code) => {
      const [wall, user, sys] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      fs.rmSync(timeFile, { force: true });
      resolve({ code, wall, user, sys, cpu: Math.round((user + sys) * 10) / 10 });
    });
  });
}

async function main() {
  const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', FORCE_COLOR: '0' };
  env.PATH = `${path.join(root, 'node_modules/.bin')}${path.delimiter}${env.PATH}`;
  const targets = (option('targets') ?? ORDER.join(',')).split(',');
  const projects = option('projects')?.split(',');
  const out = path.resolve(root, option('out') ?? 'dist/test-profile/latest.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const logFile = out.replace(/\.json$/, '.log');
  const log = fs.openSync(logFile, 'w');

  const stopInfra = await ensureTestInfra(env);
  const rows = [];
  const started = Date.now();
  try {
    const all = projectTargets(env).filter((p) => !projects || projects.includes(p.name));
    for (const target of ORDER.filter((t) => targets.includes(t))) {
      for (const project of all.sort((a, b) => a.name.localeCompare(b.name))) {
        const declared = project.targets[target];
        if (!declared?.options?.command) continue;
        const cwd = path.join(root, declared.options.cwd ?? '');
        fs.writeSync(log, `\n=== ${project.name}:${target} ===\n`);
        const load = os.loadavg()[0];
        const result = await measure(declared.options.command, cwd, env, log);
        const row = { project: project.name, target, ...result, load: Math.round(load * 10) / 10 };
        rows.push(row);
        process.stdout.write(
          `${project.name}:${target} ${result.cpu} s CPU, ${result.wall} s wall (load ${row.load})` +
            `${result.code === 0 ? '' : ` FAILED (exit ${result.code}, see ${path.relative(root, logFile)})`}\n`,
        );
      }
    }
  } finally {
    await stopInfra();
    fs.closeSync(log);
  }
  const report = { date: new Date().toISOString(), wall: (Date.now() - started) / 1000, rows };
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  printTable(rows);
  process.exit(rows.some((r) => r.code !== 0) ? 1 : 0);
}

function printTable(rows) {
  const sorted = [...rows].sort((a, b) => b.cpu - a.cpu);
  const total = (key) => Math.round(rows.reduce((sum, r) => sum + r[key], 0));
  process.stdout.write('\n| target | CPU s | wall s | load |\n| --- | ---: | ---: | ---: |\n');
  for (const r of sorted) process.stdout.write(`| ${r.project}:${r.target} | ${r.cpu} | ${r.wall} | ${r.load} |\n`);
  process.stdout.write(`| total | ${total('cpu')} | ${total('wall')} | |\n`);
}

main().catch((error) => {
  process.stderr.write(`profile-targets: ${error.stack}\n`);
  process.exit(1);
});
