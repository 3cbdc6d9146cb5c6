import fs from 'node:fs';
import path from 'node:path';
import { workspaceRoot } from './workspace';

const { imageLayout } = require(path.join(workspaceRoot, 'tools/build/assemble-image.cjs')) as {
  imageLayout(app: string): [string, string][];
};

describe("an image's files (assemble-image.cjs)", () => {
  let built: string;
  beforeAll(() => {
    // A stand-in for build-app.cjs's output, so that this test needs no build.
    built = path.join(workspaceRoot, 'dist/apps');
    for (const app of ['gateway', 'booking']) {
      fs.mkdirSync(path.join(built, app), { recursive: true });
      const runtime = path.join(built, app, 'runtime-package.json');
      if (!fs.existsSync(runtime)) {
        const dataFolders = app === 'booking' ? ['libs/french-calendar/data'] : [];
        fs.writeFileSync(runtime, JSON.stringify({ dependencies: {}, salleDataFolders: dataFolders }));
      }
    }
  });

  it('gives the gateway its bundle, its package.json and the built web app, nothing else', () => {
    expect(imageLayout('gateway').map(([, to]) => to)).toEqual([
      'dist/main.js',
      'dist/main.js.map',
      'package.json',
      'dist/apps/web',
    ]);
  });

  it('gives booking the school calendar it reads, and no web app', () => {
    const targets = imageLayout('booking').map(([, to]) => to);
    expect(targets).toContain('libs/french-calendar/data');
    expect(targets).not.toContain('dist/apps/web');
  });
});
