/** Methods a client may send twice without changing the outcome (RFC 9110, 9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Whether fetch failed because the connection was reset (duck-typed: jest runs tests in another realm). */
export function isConnectionReset(error: unknown): boolean {
  const { message, cause } = (error ?? {}) as { message?: string; cause?: { code?: string; message?: string } };
  return /ECONNRESET|UND_ERR_SOCKET/.test([message, cause?.code, cause?.message].join(' '));
}

/**
 * fetch, sent once more when an idempotent request's connection was reset. fetch reuses idle keep-alive
 * connections, and one the server closes for idleness as a request leaves on it is reset through no fault of the
 * request: HTTP/1.1 leaves that retry to the client (RFC 9112, 9.3.1), and fetch does not make it. Seen in CI on a
 * loaded machine, where the client's own timer to drop an idle connection fires late. A server that resets every
 * request resets the second too, and the error goes to the caller.
 */
export async function fetchRetryingReset(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!IDEMPOTENT.has((init.method ?? 'GET').toUpperCase()) || !isConnectionReset(error)) throw error;
    return fetch(url, init);
  }
}
