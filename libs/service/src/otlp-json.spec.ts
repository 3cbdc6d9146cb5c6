import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { otlpTraceRequest } from './otlp-json';

describe('OTLP JSON encoding', () => {
  it('nests spans by resource and scope, with hex ids, nanosecond strings and OTLP span kinds', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'booking' }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('salle');
    const parent = tracer.startSpan('POST /bookings', {
      kind: SpanKind.SERVER,
      attributes: { 'http.response.status_code': 201, ratio: 0.5, cached: false, tags: ['a', 'b'] },
      startTime: [1_800_000_000, 5],
    });
    const child = tracer.startSpan(
      'consume booking.approved',
      { kind: SpanKind.CONSUMER },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'TypeError' });
    child.end();
    parent.end([1_800_000_001, 0]);

    const request = otlpTraceRequest(exporter.getFinishedSpans());
    expect(request.resourceSpans).toHaveLength(1);
    const [resourceSpans] = request.resourceSpans;
    expect(resourceSpans?.resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'booking' },
    });
    expect(resourceSpans?.scopeSpans).toHaveLength(1);
    expect(resourceSpans?.scopeSpans[0]?.scope).toEqual({ name: 'salle' });
    const spans = resourceSpans?.scopeSpans[0]?.spans ?? [];
    const server = spans.find((span) => span.name === 'POST /bookings');
    const consumer = spans.find((span) => span.name === 'consume booking.approved');
    expect(server).toMatchObject({
      traceId: parent.spanContext().traceId,
      spanId: parent.spanContext().spanId,
      kind: 2,
      startTimeUnixNano: '1800000000000000005',
      endTimeUnixNano: '1800000001000000000',
      status: { code: SpanStatusCode.UNSET },
    });
    expect(server).not.toHaveProperty('parentSpanId');
    expect(server?.attributes).toEqual([
      { key: 'http.response.status_code', value: { intValue: '201' } },
      { key: 'ratio', value: { doubleValue: 0.5 } },
      { key: 'cached', value: { boolValue: false } },
      { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } },
    ]);
    expect(consumer).toMatchObject({
      traceId: parent.spanContext().traceId,
      parentSpanId: parent.spanContext().spanId,
      kind: 5,
      status: { code: SpanStatusCode.ERROR, message: 'TypeError' },
    });
    expect(JSON.parse(JSON.stringify(request))).toEqual(request);
  });
});
