import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PAYFIP_NAMESPACES, PAYFIP_PATHS } from '@salle/contracts';
import type { PayfipSandbox } from '../src';

/** Writes envelopes by hand, as the integrations do, apart from the sandbox's own XML code. */
export async function soapCall(
  sandbox: PayfipSandbox,
  operation: string,
  fields: Record<string, string>,
): Promise<{ status: number; xml: string }> {
  const children = Object.entries(fields)
    .map(([name, value]) => `<${name}>${value.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${name}>`)
    .join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pai="${PAYFIP_NAMESPACES.service}">
<soapenv:Header/><soapenv:Body><pai:${operation}><arg0>${children}</arg0></pai:${operation}></soapenv:Body></soapenv:Envelope>`;
  const answer = await fetch(`${sandbox.url}${PAYFIP_PATHS.soap}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
    body,
  });
  return { status: answer.status, xml: await answer.text() };
}

/** The text of the first element with this local name, whatever its prefix. */
export function element(xml: string, name: string): string | undefined {
  return new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:\\w+:)?${name}>`).exec(xml)?.[1];
}

export async function control<T = Record<string, unknown>>(
  sandbox: PayfipSandbox,
  path: string,
  body?: unknown,
  method = 'POST',
): Promise<{ status: number; body: T }> {
  const answer = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: answer.status, body: (await answer.json()) as T };
}

export interface NotificationReceiver {
  url: string;
  received: { method: string; query: string; body: string }[];
  /** Resolves once `count` notifications have arrived, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** The platform's `urlnotif`, standing on loopback and recording what it gets. */
export async function notificationReceiver(): Promise<NotificationReceiver> {
  const received: NotificationReceiver['received'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', query: new URL(req.url ?? '/', 'http://x').search, body });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/payfip/notification`,
    received,
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`${received.length} notifications, expected ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
