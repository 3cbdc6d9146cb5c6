/**
 * An error answered the way Stripe answers it: `{ error: { type, code,
 * message, param } }` with the HTTP status the SDK maps to its own classes
 * (400/404 invalid request, 401 authentication, 402 card, 409 conflict).
 */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details: { code?: string; param?: string; declineCode?: string } = {},
  ) {
    super(message);
    this.name = 'StripeApiError';
  }

  body(requestId: string) {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.details.code ? { code: this.details.code } : {}),
        ...(this.details.param ? { param: this.details.param } : {}),
        ...(this.details.declineCode ? { decline_code: this.details.declineCode } : {}),
        request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}`,
      },
    };
  }
}

export function invalidRequest(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', message, { param, code });
}

export function resourceMissing(kind: string, id: string, param = 'id'): StripeApiError {
  return new StripeApiError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, {
    code: 'resource_missing',
    param,
  });
}
