/** One API request as the sandbox saw it: what tests assert on (bodies, keys, headers). */
export interface RecordedRequest {
  id: string;
  at: string;
  method: string;
  path: string;
  query: unknown;
  body: unknown;
  idempotencyKey: string | null;
  stripeAccount: string | null;
  stripeVersion: string | null;
  status: number;
  replayed: boolean;
  fault: string | null;
}

/** The last requests, newest last; bounded so a long-running sandbox does not grow. */
export class RequestRecorder {
  private readonly requests: RecordedRequest[] = [];

  constructor(private readonly capacity = 2_000) {}

  add(request: RecordedRequest): void {
    this.requests.push(request);
    if (this.requests.length > this.capacity) this.requests.splice(0, this.requests.length - this.capacity);
  }

  list(): RecordedRequest[] {
    return [...this.requests];
  }

  clear(): void {
    this.requests.length = 0;
  }
}
