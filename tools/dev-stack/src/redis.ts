import { startRedisServer, waitForPort } from '@salle/testing';
import net from 'node:net';

export interface DevRedis {
  url: string;
  stop(): Promise<void>;
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * REDIS_URL (default redis://127.0.0.1:6379) when something answers there;
 * otherwise a redis-server from the PATH on that port, stopped on exit.
 */
export async function startDevRedis(log: (line: string) => void): Promise<DevRedis> {
  const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const parsed = new URL(url);
  const host = parsed.hostname || '127.0.0.1';
  const port = Number(parsed.port || 6379);
  if (await answers(host, port)) {
    log(`Redis: using ${host}:${port}`);
    return { url, stop: async () => undefined };
  }
  if (!['127.0.0.1', 'localhost'].includes(host)) {
    throw new Error(`Redis at ${host}:${port} does not answer. Check REDIS_URL.`);
  }
  try {
    const server = await startRedisServer(port);
    await waitForPort('127.0.0.1', port, 5_000);
    log(`Redis: started redis-server on port ${port}`);
    return { url, stop: server.stop };
  } catch (error) {
    throw new Error(`Redis does not answer on ${host}:${port} and could not be started (${(error as Error).message}).`);
  }
}
