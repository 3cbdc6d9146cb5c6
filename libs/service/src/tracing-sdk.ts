import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { markTracingEnabled } from '@salle/runtime';
import { OtlpJsonExporter } from './otlp-exporter';

export interface TracingSdk {
  /** Exports the spans still buffered and stops. */
  shutdown(): Promise<void>;
}

/** The OTLP/HTTP traces URL of an `OTEL_EXPORTER_OTLP_ENDPOINT` (the standard's base URL rule), or an error. */
export function otlpTracesUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, got ${url.protocol}`);
  }
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * Registers the OpenTelemetry SDK for this process when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set: spans go to `<endpoint>/v1/traces` as
 * OTLP/HTTP JSON in batches, under the resource `service.name` = the service.
 * Without the variable nothing is registered and the API stays a no-op.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): TracingSdk | undefined {
  const endpoint = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim();
  if (!endpoint) return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env['OTEL_SERVICE_NAME']?.trim() || service }),
    spanProcessors: [new BatchSpanProcessor(new OtlpJsonExporter(new URL(otlpTracesUrl(endpoint))))],
  });
  // Sets the global tracer provider, the W3C trace-context propagator and the AsyncLocalStorage context manager.
  provider.register();
  markTracingEnabled(true);
  return {
    async shutdown() {
      markTracingEnabled(false);
      await provider.shutdown();
    },
  };
}
