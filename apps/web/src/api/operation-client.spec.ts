import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { paymentOperations } from '@salle/contracts';
import { createApiClient } from './api-client';
import { operationClient } from './operation-client';

// A real HTTP server standing in for the gateway: what the derived client sends is observed on the wire.
describe('operation client', () => {
  let server: Server;
  const seen: { method?: string; url?: string; body: string }[] = [];
  let payment: ReturnType<typeof operationClient<typeof paymentOperations>>;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ items: [] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const api = createApiClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    payment = operationClient(api, '/api/payment', paymentOperations);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends each operation with the method, path, query and body of its table row', async () => {
    const establishmentId = '7f1c0a52-52f4-4a5e-9a39-2f5f3c1d9b11';
    await payment.call('createPayoutAccount', { params: { establishmentId }, body: { displayName: 'Collège' } });
    await payment.call('flags', { query: { open: 'false' } });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `/api/payment/establishments/${establishmentId}/payout-account`,
        body: JSON.stringify({ displayName: 'Collège' }),
      },
      { method: 'GET', url: '/api/payment/admin/flags?open=false', body: '' },
    ]);
  });

  it('gives the address of an operation, each parameter encoded', () => {
    expect(payment.url('receipt', { bookingId: 'a/b' })).toBe('/api/payment/bookings/a%2Fb/receipt.pdf');
    expect(() => payment.url('receipt', {})).toThrow('missing path parameter bookingId');
  });
});
