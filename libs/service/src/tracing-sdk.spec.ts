import { currentTraceparent, tracingEnabled } from '@salle/runtime';
import { otlpTracesUrl, startTracing } from './tracing-sdk';

describe('tracing set-up', () => {
  it('sends to <endpoint>/v1/traces, as the OTLP standard says of a base URL', () => {
    expect(otlpTracesUrl('http://otel-collector:4318')).toBe('http://otel-collector:4318/v1/traces');
    expect(otlpTracesUrl('https://otel.example/base/')).toBe('https://otel.example/base/v1/traces');
  });

  it('refuses an endpoint that is not an http(s) URL, in one line', () => {
    expect(() => otlpTracesUrl('otel-collector:4318')).toThrow(/^OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/);
    expect(() => otlpTracesUrl('grpc://otel:4317')).toThrow('OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL');
  });

  it('registers nothing without an endpoint: the helpers stay off', () => {
    expect(startTracing('booking', {})).toBeUndefined();
    expect(startTracing('booking', { OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBeUndefined();
    expect(tracingEnabled()).toBe(false);
    expect(currentTraceparent()).toBeNull();
  });
});
