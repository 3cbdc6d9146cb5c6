import { FORBIDDEN_IN_IMAGES, imageRuntimePackage, installedClosure } from './image-dependencies';
import { readWorkspaceFile, serviceApps } from './workspace';

const apps = serviceApps();
const forbidden = (names: Iterable<string>) =>
  [...names].filter((name) => FORBIDDEN_IN_IMAGES.some((pattern) => pattern.test(name))).sort();

describe('the images install only what their bundle requires', () => {
  const rootPackage = JSON.parse(readWorkspaceFile('package.json')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  it('finds the four services', () => {
    expect(apps).toEqual(['booking', 'gateway', 'notification', 'payment']);
  });

  it.each(apps)('%s: production dependencies only, and no build or test tool among them', async (app) => {
    const direct = Object.keys((await imageRuntimePackage(app)).dependencies);
    expect(direct).toEqual(expect.arrayContaining(['express', 'typeorm', 'pg', 'pino']));
    expect(direct.filter((name) => !rootPackage.dependencies[name])).toEqual([]);
    expect(forbidden(direct)).toEqual([]);
    const installed = installedClosure(direct);
    expect(installed.size).toBeGreaterThan(direct.length);
    expect(forbidden(installed)).toEqual([]);
  });

  it('catches a tool in an image: the check itself is not blind', () => {
    expect(forbidden(installedClosure(['jest']))).toEqual(expect.arrayContaining(['jest']));
    expect(forbidden(installedClosure(['@nx/js']))).toEqual(expect.arrayContaining(['@nx/js', 'nx', '@nx/devkit']));
    expect(forbidden(installedClosure(['ts-node']))).toEqual(expect.arrayContaining(['ts-node', 'typescript']));
  });

  it('ships the data folders a bundle reads: the school calendar for booking, the PDF/A fonts for payment', async () => {
    expect((await imageRuntimePackage('booking')).salleDataFolders).toEqual(['libs/french-calendar/data']);
    expect((await imageRuntimePackage('payment')).salleDataFolders).toEqual(['apps/payment/data']);
    expect((await imageRuntimePackage('gateway')).salleDataFolders).toEqual([]);
  });

  it('leaves out of the service images the packages only the sandboxes or the web use', async () => {
    const everything = new Set<string>();
    for (const app of apps)
      for (const name of Object.keys((await imageRuntimePackage(app)).dependencies)) everything.add(name);
    for (const name of [
      'oidc-provider',
      'smtp-server',
      'mailparser',
      'react',
      'react-dom',
      '@fontsource/atkinson-hyperlegible',
    ]) {
      expect(everything.has(name)).toBe(false);
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = readWorkspaceFile('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1) ?? '';

  it('builds on the Node 24 slim image in every stage', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24\.\d+\.\d+-bookworm-slim$/m);
    expect(stages.every((stage) => stage.startsWith('${NODE_IMAGE} AS '))).toBe(true);
  });

  it('ends with a runtime stage that copies only the lean dependencies and the assembled image, as a non-root user', () => {
    expect(runtime.startsWith('${NODE_IMAGE} AS runtime')).toBe(true);
    const copies = runtime.split('\n').filter((line) => line.startsWith('COPY'));
    expect(copies).toEqual([
      'COPY --from=deps /srv/node_modules/ ./node_modules/',
      'COPY --from=build /workspace/dist/images/${APP}/ ./',
    ]);
    expect(runtime).not.toMatch(/^RUN /m);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production$/m);
  });

  it('installs, in the deps stage, the package.json the build computed for the app, without dev dependencies', () => {
    const deps = stages.find((stage) => stage.startsWith('${NODE_IMAGE} AS deps')) ?? '';
    expect(deps).toContain('COPY --from=build /workspace/dist/images/${APP}/package.json ./');
    expect(deps).toMatch(/^RUN npm install --omit=dev/m);
  });
});
