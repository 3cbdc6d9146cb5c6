import fc from 'fast-check';
import { PROBLEM_CONTENT_TYPE, problemSchema } from '@salle/contracts';
import { isConnectionReset } from '../fetch-retrying-reset';
import { malformedRequests, type FuzzOperation, type FuzzRequest } from './malformed-request';
import { fuzzDay, type JsonSchema, type SchemaResolver } from './schema-values';

/** Who sends the requests: a visitor (no headers) or a signed-in role (its credentials). */
export interface FuzzCaller {
  name: string;
  headers(): Promise<Record<string, string>>;
}

export interface ApiFuzzOptions {
  /** Where the API answers, its OpenAPI document at `<baseUrl>/openapi.json`. */
  baseUrl: string;
  callers: FuzzCaller[];
  /** Requests per operation: the bound on the run's duration. */
  runsPerOperation: number;
  seed: number;
  /** How long one request may go unanswered before it fails the property; 20 s unless given. */
  requestTimeoutMs?: number;
}

export interface ApiFuzzReport {
  operations: number;
  requests: number;
  /** How many answers of each status, to see that the fuzzing reached past the first checks. */
  statuses: Record<number, number>;
  /** One line per operation that answered wrongly, with what reproduces it. */
  failures: string[];
}

function integerFromEnv(name: string, fallback: number): number {
  const given = Number(process.env[name]);
  return process.env[name] && Number.isSafeInteger(given) ? given : fallback;
}

/** The fuzzing seed: FUZZ_SEED when set (to replay a failure), otherwise a fixed one. */
export function fuzzSeed(fallback = 20_261_206): number {
  return integerFromEnv('FUZZ_SEED', fallback);
}

/**
 * How long one request may go unanswered. A request the server never answers (a hung handler, a pool that
 * never frees a connection) then fails the property with the request that hung, instead of the whole test
 * timing out with nothing to say.
 */
const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

/**
 * The test's own bound for `runs` requests per operation. Generous on purpose: it is not a speed target
 * (those live in tools/bench), and under CI, beside the browser journey and two other lanes, the same
 * requests were seen to take over ten times as long as on an idle machine. A hung request is caught first
 * by the per-request bound above.
 */
export function fuzzTestTimeout(runs: number): number {
  return Math.max(240_000, runs * 15_000);
}

/** Requests per operation: FUZZ_RUNS when set (a longer search on demand), otherwise the suite's bound. */
export function fuzzRuns(fallback: number): number {
  return Math.max(1, integerFromEnv('FUZZ_RUNS', fallback));
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: FuzzOperation['parameters']; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

function operationsOf(document: OpenApiDocument): FuzzOperation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method,
      path,
      parameters: operation.parameters ?? [],
      body: operation.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

function resolverOf(document: OpenApiDocument): SchemaResolver {
  return (ref) => document.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? {};
}

/** What is wrong with an answer, if anything: a 5xx, or an error that is not a problem+json saying its own status. */
function faultOf(status: number, contentType: string | null, text: string): string | undefined {
  if (status >= 500) return `answered ${status}: ${text.slice(0, 300)}`;
  if (status < 400) return undefined;
  if (!contentType?.startsWith(PROBLEM_CONTENT_TYPE))
    return `answered ${status} as ${contentType ?? 'no content type'}, not ${PROBLEM_CONTENT_TYPE}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `answered ${status} with a problem that is not JSON`;
  }
  const problem = problemSchema.safeParse(body);
  if (!problem.success) return `answered ${status} with a malformed problem`;
  if (problem.data.status !== status) return `answered ${status} with a problem saying ${problem.data.status}`;
  if (/\n\s+at |node_modules/.test(text)) return `answered ${status} with a stack trace`;
  return undefined;
}

function describe(request: FuzzRequest, caller: string): string {
  const body = request.body === undefined ? 'no body' : `body ${JSON.stringify(String(request.body).slice(0, 200))}`;
  return `${request.method} ${request.url.slice(0, 300)} as ${caller}, headers ${JSON.stringify(request.headers)}, ${body}`;
}

type Answer = { response: Response; text: string } | { failure: string; reset: boolean };

/**
 * The answer and its text, or why there was none (a connection closed without an answer is a failure too).
 * A reset is tried once more: fetch reuses idle keep-alive connections, and one the server closes as the
 * request leaves is reset without any fault of the request (seen once in a few hundred runs on a loaded
 * machine). A server that resets on the request itself resets the second one too, and fails the property.
 */
async function send(url: string, init: RequestInit, timeoutMs: number): Promise<Answer> {
  const answer = await sendOnce(url, init, timeoutMs);
  return 'failure' in answer && answer.reset ? sendOnce(url, init, timeoutMs) : answer;
}

async function sendOnce(url: string, init: RequestInit, timeoutMs: number): Promise<Answer> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { response, text: await response.text() };
  } catch (error) {
    // Duck-typed: jest runs tests in another realm, where `instanceof Error` fails for Node's own errors.
    const { message, cause } = error as { message?: string; cause?: { message?: string; code?: string } };
    return {
      failure: [message ?? String(error), cause?.code, cause?.message].filter(Boolean).join(': '),
      reset: isConnectionReset(error),
    };
  }
}

/** A stable seed per operation, so that adding an operation does not change what the others get. */
function operationSeed(seed: number, operation: FuzzOperation): number {
  let hash = seed | 0;
  for (const char of `${operation.method} ${operation.path}`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/**
 * Sends every operation of a service's published OpenAPI document
 * `runsPerOperation` malformed requests (wrong types, missing and extra
 * fields, huge and unicode strings, NUL bytes, bad escapes, bad encodings,
 * wrong content types, invalid dates and ids), each from one of the callers,
 * and reports every answer that is a 5xx or an error that is not
 * problem+json. Seeded: the same seed sends the same requests.
 */
export async function fuzzApi(options: ApiFuzzOptions): Promise<ApiFuzzReport> {
  const document = (await (await fetch(`${options.baseUrl}/openapi.json`)).json()) as OpenApiDocument;
  const resolve = resolverOf(document);
  const operations = operationsOf(document);
  const report: ApiFuzzReport = { operations: operations.length, requests: 0, statuses: {}, failures: [] };
  for (const operation of operations) {
    const seed = operationSeed(options.seed, operation);
    const property = fc.asyncProperty(
      malformedRequests(operation, resolve, options.callers.length),
      async (request) => {
        const caller = options.callers[request.caller] ?? options.callers[0];
        const headers = { ...(await caller?.headers()), ...request.headers };
        // Bytes as a plain Uint8Array: a Buffer is not a BodyInit under the DOM typings some test projects load.
        const body =
          typeof request.body === 'string' || request.body === undefined ? request.body : new Uint8Array(request.body);
        const answer = await send(
          `${options.baseUrl}${request.url}`,
          { method: request.method, headers, body },
          options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        );
        if ('failure' in answer)
          throw new Error(
            `got no answer (${answer.failure})\n    request: ${describe(request, caller?.name ?? 'nobody')}`,
          );
        const { response, text } = answer;
        report.requests += 1;
        report.statuses[response.status] = (report.statuses[response.status] ?? 0) + 1;
        const fault = faultOf(response.status, response.headers.get('content-type'), text);
        if (fault) throw new Error(`${fault}\n    request: ${describe(request, caller?.name ?? 'nobody')}`);
      },
    );
    // No shrinking: each request costs a round trip, and the failing one is reported as sent.
    const details = await fc.check(property, { seed, numRuns: options.runsPerOperation, endOnFailure: true });
    if (details.failed) {
      const reason =
        details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      report.failures.push(
        `${operation.method.toUpperCase()} ${operation.path} ${reason}\n    reproduce with FUZZ_SEED=${options.seed} FUZZ_DAY=${fuzzDay()}`,
      );
    }
  }
  return report;
}
