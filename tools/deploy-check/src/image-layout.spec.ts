import path from 'node:path';
import { workspaceRoot } from './workspace';

const { imageLayout } = require(path.join(workspaceRoot, 'tools/build/assemble-image.cjs')) as {
  imageLayout(app: string, runtime: { salleDataFolders: string[] }): [string, string][];
};

describe("an image's files (assemble-image.cjs)", () => {
  it('gives the gateway its bundle, its package.json and the built web app, nothing else', () => {
    expect(imageLayout('gateway', { salleDataFolders: [] })).toEqual([
      ['dist/apps/gateway/main.js', 'dist/main.js'],
      ['dist/apps/gateway/main.js.map', 'dist/main.js.map'],
      ['dist/apps/gateway/runtime-package.json', 'package.json'],
      ['dist/apps/web', 'dist/apps/web'],
    ]);
  });

  it('gives booking the data folders its bundle reads, at the same path, and no web app', () => {
    const targets = imageLayout('booking', { salleDataFolders: ['libs/french-calendar/data'] }).map(([, to]) => to);
    expect(targets).toEqual(['dist/main.js', 'dist/main.js.map', 'package.json', 'libs/french-calendar/data']);
  });
});
