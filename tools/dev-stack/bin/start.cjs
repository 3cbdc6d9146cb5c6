#!/usr/bin/env node
// `npm start`: runs the TypeScript launcher without a build step.
'use strict';
const path = require('node:path');
process.env.SWC_NODE_PROJECT = path.resolve(__dirname, '../../test-runner/tsconfig.register.json');
require('@swc-node/register');
require('../src/main.ts');
