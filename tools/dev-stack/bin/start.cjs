#!/usr/bin/env node
// `npm start`: runs the TypeScript launcher without a build step.
'use strict';
// Under a Node older than the supported LTS, the run continues under one provided from npm.
// A plain script, not a package: .ci/run calls it by path before `npm install`.
// eslint-disable-next-line @nx/enforce-module-boundaries
if (require('../../node-runtime/ensure-node.cjs').rerunUnderSupportedNode(__filename)) return;
const path = require('node:path');
process.env.SWC_NODE_PROJECT = path.resolve(__dirname, '../../test-runner/tsconfig.register.json');
require('@swc-node/register');
require('../src/main.ts');
