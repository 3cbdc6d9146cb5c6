import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../../..');
const eslintBin = path.join(workspaceRoot, 'node_modules/eslint/bin/eslint.js');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Lints `code` as if it were the file at `filePath`, with the workspace's real ESLint CLI and config. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [eslintBin, '--stdin', '--stdin-filename', filePath, '--format', 'json'], {
      cwd: workspaceRoot,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(output));
    child.stdin.end(code);
  });
  const [result] = JSON.parse(stdout) as { messages: LintMessage[] }[];
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@nx/enforce-module-boundaries')
    .map((message) => message.message);
}

describe('module boundaries (the lint run by `npm test`)', () => {
  // The rule reads Nx's cached project graph: refresh it so new projects are known.
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(workspaceRoot, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'ignore',
    });
  });

  it('rejects an app importing another app by package name', async () => {
    const errors = await boundaryErrors(
      'apps/gateway/src/illegal.ts',
      "import { bookingService } from '@salle/booking';\nexport const x = bookingService;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/type:app.*type:lib|can only depend on libs tagged with "type:lib"/);
  });

  it('rejects an app reaching into another app by relative path', async () => {
    const errors = await boundaryErrors(
      'apps/gateway/src/illegal.ts',
      "import { bookingService } from '../../booking/src/booking-service';\nexport const x = bookingService;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('rejects a lib importing an app', async () => {
    const errors = await boundaryErrors(
      'libs/http/src/illegal.ts',
      "import { gatewayService } from '@salle/gateway';\nexport const x = gatewayService;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('accepts an app importing a shared lib', async () => {
    const errors = await boundaryErrors(
      'apps/gateway/src/fine.ts',
      "import { createLogger } from '@salle/runtime';\nexport const x = createLogger;\n",
    );
    expect(errors).toEqual([]);
  });
});
