#!/usr/bin/env node
// `npm start`: runs the TypeScript launcher without a build step.
'use strict';
// Under a Node older than the supported LTS, the run continues under one provided from npm.
if (require('../../node-runtime/ensure-node.cjs').rerunUnderSupportedNode(__filename)) return;
const path = require('node:path');
process.env.SWC_NODE_PROJECT = path.resolve(__dirname, '../../test-runner/tsconfig.register.json');
require('@swc-node/register');
require('../src/main.ts');
