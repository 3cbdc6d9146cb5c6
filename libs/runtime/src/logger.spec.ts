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
