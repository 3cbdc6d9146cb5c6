import { execFileSync } from 'node:child_process';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../../..');

const importing = (pkg: string, name: string): string =>
  `import { ${name} } from '${pkg}';\nexport const x = ${name};\n`;

/** Each case: a file that does not exist, its code, and what the lint must say of it. */
const cases = {
  appImportsApp: { filePath: 'apps/gateway/src/illegal.ts', code: importing('@salle/booking', 'bookingService') },
  appReachesIntoApp: {
    filePath: 'apps/gateway/src/illegal.ts',
    code: "import { bookingService } from '../../booking/src/booking-service';\nexport const x = bookingService;\n",
  },
  libImportsApp: { filePath: 'libs/http/src/illegal.ts', code: importing('@salle/gateway', 'gatewayService') },
  appImportsServerLib: { filePath: 'apps/gateway/src/fine.ts', code: importing('@salle/runtime', 'createLogger') },
  webImportsDb: { filePath: 'apps/web/src/illegal.ts', code: importing('@salle/db', 'createDataSource') },
  webImportsEvents: {
    filePath: 'apps/web/src/illegal.ts',
    code: "import * as events from '@salle/events';\nexport const x = events;\n",
  },
  webImportsContracts: { filePath: 'apps/web/src/fine.ts', code: importing('@salle/contracts', 'bookingStatusSchema') },
  contractsImportsDb: {
    filePath: 'libs/contracts/src/illegal.ts',
    code: "import * as db from '@salle/db';\nexport const x = db;\n",
  },
  contractsImportsRuntime: {
    filePath: 'libs/contracts/src/illegal.ts',
    code: importing('@salle/runtime', 'createLogger'),
  },
  appCodeImportsTesting: {
    filePath: 'apps/booking/src/illegal.ts',
    code: importing('@salle/testing', 'createTestDatabase'),
  },
  libCodeImportsTesting: {
    filePath: 'libs/http/src/illegal.ts',
    code: importing('@salle/testing', 'createTestDatabase'),
  },
  specImportsTesting: {
    filePath: 'apps/booking/src/fine.spec.ts',
    code: importing('@salle/testing', 'createTestDatabase'),
  },
  testFolderImportsTesting: {
    filePath: 'apps/payment/test/fine.ts',
    code: importing('@salle/testing', 'createTestDatabase'),
  },
} as const;

type CaseName = keyof typeof cases;
let answers: Record<CaseName, string[]>;

describe('module boundaries (the lint run by `npm test`)', () => {
  beforeAll(() => {
    const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
    // The rule reads Nx's cached project graph: refresh it so new projects are known.
    execFileSync(process.execPath, [path.join(workspaceRoot, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], {
      cwd: workspaceRoot,
      env,
      stdio: 'ignore',
    });
    const names = Object.keys(cases) as CaseName[];
    const stdout = execFileSync(process.execPath, [path.join(__dirname, 'lint-texts.cjs')], {
      cwd: workspaceRoot,
      env,
      input: JSON.stringify(names.map((name) => cases[name])),
      encoding: 'utf8',
    });
    const lists = JSON.parse(stdout) as string[][];
    answers = Object.fromEntries(names.map((name, index) => [name, lists[index] ?? []])) as Record<CaseName, string[]>;
  });

  it('rejects an app importing another app by package name', () => {
    expect(answers.appImportsApp).toHaveLength(1);
    expect(answers.appImportsApp[0]).toMatch(/type:app.*type:lib|can only depend on libs tagged with "type:lib"/);
  });

  it('rejects an app reaching into another app by relative path', () => {
    expect(answers.appReachesIntoApp).toHaveLength(1);
  });

  it('rejects a lib importing an app', () => {
    expect(answers.libImportsApp).toHaveLength(1);
  });

  it('accepts an app importing a server lib', () => {
    expect(answers.appImportsServerLib).toEqual([]);
  });

  describe('what each kind of lib may carry', () => {
    it('rejects the browser app importing the database or the events lib', () => {
      expect(answers.webImportsDb).toHaveLength(1);
      expect(answers.webImportsDb[0]).toMatch(/platform:browser.*kind:contracts/);
      expect(answers.webImportsEvents).toHaveLength(1);
    });

    it('rejects the contracts lib importing the database lib, or any server lib', () => {
      // The database case may be reported as a cycle (db's specs use the testing lib, which uses contracts) rather
      // than by the kind rule; the runtime lib, which imports nothing, shows the kind rule itself.
      expect(answers.contractsImportsDb).toHaveLength(1);
      expect(answers.contractsImportsRuntime).toHaveLength(1);
      expect(answers.contractsImportsRuntime[0]).toMatch(/kind:contracts/);
    });

    it('rejects production code of an app or a lib importing the testing lib', () => {
      expect(answers.appCodeImportsTesting).toHaveLength(1);
      expect(answers.libCodeImportsTesting).toHaveLength(1);
    });

    it('accepts tests importing the testing lib, and the browser app importing contracts', () => {
      expect(answers.specImportsTesting).toEqual([]);
      expect(answers.testFolderImportsTesting).toEqual([]);
      expect(answers.webImportsContracts).toEqual([]);
    });
  });
});
