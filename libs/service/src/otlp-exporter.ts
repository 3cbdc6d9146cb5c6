import http from 'node:http';
import https from 'node:https';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-node';
import { otlpTraceRequest } from './otlp-json';

/**
 * OTLP/HTTP JSON export of spans (`otlp-json.ts`). Not the packaged
 * exporter: it loads `http` with a dynamic import, which jest's module
 * sandbox refuses, so the in-process services of our tests could not export;
 * and its serialiser brings protobufjs and `@types/node` into the images. A
 * failed export is dropped (traces are best effort), never retried into
 * memory growth.
 */
export class OtlpJsonExporter implements SpanExporter {
  private readonly agent: http.Agent;
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly url: URL,
    private readonly timeoutMs = 10_000,
  ) {
    this.agent = url.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const body = Buffer.from(JSON.stringify(otlpTraceRequest(spans)));
    const sent = this.post(body).then(
      () => done({ code: ExportResultCode.SUCCESS }),
      (error: Error) => done({ code: ExportResultCode.FAILED, error }),
    );
    this.pending.add(sent);
    void sent.finally(() => this.pending.delete(sent));
  }

  private post(body: Uint8Array): Promise<void> {
    const send = this.url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const request = send(this.url, {
        method: 'POST',
        agent: this.agent,
        timeout: this.timeoutMs,
        headers: { 'content-type': 'application/json', 'content-length': body.byteLength },
      });
      request.on('response', (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new Error(`OTLP receiver answered ${status}`));
      });
      request.on('timeout', () => request.destroy(new Error('OTLP receiver timed out')));
      request.on('error', reject);
      request.end(body);
    });
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.pending);
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
    this.agent.destroy();
  }
}
