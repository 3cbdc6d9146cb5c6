import { spawn } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()));
      callback();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('writes JSON lines with the service name and redacts secrets', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: 'booking', destination: stream });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer abc', cookie: 'sid=xyz', accept: 'text/html' } },
        session: { idToken: 'eyJ.secret.sig', userId: 'u1' },
        client: { client_secret: 's3cr3t' },
      },
      'hello',
    );
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ service: 'booking', level: 'info', msg: 'hello' });
    const text = JSON.stringify(line);
    for (const secret of ['Bearer abc', 'sid=xyz', 'eyJ.secret.sig', 's3cr3t']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('text/html');
    expect(text).toContain('u1');
  });
});

describe('createLogger to stdout, buffered', () => {
  // A real child process: what reaches its stdout, and when, is the point.
  const root = path.resolve(__dirname, '../../..');
  const node = (script: string) =>
    spawn(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      cwd: root,
      env: {
        PATH: process.env['PATH'],
        SWC_NODE_PROJECT: path.join(root, 'tools/test-runner/tsconfig.register.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const logger = `const { createLogger } = require('./libs/runtime/src/logger.ts');
    const logger = createLogger({ service: 'spec' });`;
  const messages = (output: string) =>
    output
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { msg: string }).msg);

  async function run(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = node(script);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    return { code, stdout, stderr };
  }

  it('loses no line when the process exits at once (process.exit), in order', async () => {
    const { code, stdout, stderr } = await run(
      `${logger} for (let i = 0; i < 3000; i += 1) logger.info({ i }, 'line ' + i); process.exit(0);`,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(messages(stdout)).toEqual(Array.from({ length: 3000 }, (_, i) => `line ${i}`));
  });

  it('loses no line when the event loop ends by itself', async () => {
    const { code, stdout } = await run(`${logger} logger.info('only one'); logger.debug('below the level');`);
    expect(code).toBe(0);
    expect(messages(stdout)).toEqual(['only one']);
  });

  it('writes a warning, and an info line alone (by the flush timer), while the process runs on', async () => {
    const waitFor = (child: ReturnType<typeof node>, expected: string[], within: number) =>
      new Promise<string[]>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`not written within ${within} ms: ${output}`)), within);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.endsWith('\n') && messages(output).length >= expected.length) {
            clearTimeout(timer);
            resolve(messages(output));
          }
        });
      });
    for (const [script, expected] of [
      [`logger.info('before'); logger.warn('a warning');`, ['before', 'a warning']],
      [`logger.info('alone');`, ['alone']],
    ] as const) {
      const child = node(`${logger} ${script} setTimeout(() => undefined, 30000);`);
      try {
        // Far below the child's 30 s: only a flush can have written the lines (generous for a loaded machine).
        await expect(waitFor(child, [...expected], 10_000)).resolves.toEqual(expected);
      } finally {
        child.kill('SIGKILL');
      }
    }
  });
});
