import { readFileSync } from 'node:fs';
import net from 'node:net';
import { freePort } from './index';

const listenOn = (port: number) =>
  new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

describe('freePort', () => {
  it('hands out distinct ports, below the range the kernel gives outgoing connections, that a server can listen on', async () => {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    const ports = await Promise.all(Array.from({ length: 40 }, () => freePort()));
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) expect(port).toBeLessThan(low as number);
    const servers = await Promise.all(ports.slice(0, 5).map(listenOn));
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('never hands out a port something already listens on', async () => {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    // A server outside this module's bookkeeping, on the port the next random draw will propose first.
    const takenPort = 10_000 + 7_919;
    const taken = await listenOn(takenPort);
    const random = jest
      .spyOn(Math, 'random')
      .mockReturnValueOnce((takenPort - 10_000 + 0.5) / ((low as number) - 10_000));
    try {
      const port = await freePort();
      // The taken port was proposed first and skipped; later draws are real random ports,
      // which a busy machine may also have in use, so more than one more draw is fine.
      expect(random.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(port).not.toBe(takenPort);
    } finally {
      random.mockRestore();
      await new Promise((resolve) => taken.close(resolve));
    }
  });
  it('never hands out a port that fetch refuses to connect to (10080, the Fetch standard’s "bad port")', async () => {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    const random = jest.spyOn(Math, 'random').mockReturnValueOnce((10_080 - 10_000 + 0.5) / ((low as number) - 10_000));
    try {
      const port = await freePort();
      expect(random.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(port).not.toBe(10_080);
    } finally {
      random.mockRestore();
    }
  });
});
