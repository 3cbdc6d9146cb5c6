/**
 * The booking test client parses every answer as JSON. While installed,
 * this wraps `fetch` so that a `text/csv` answer reaches the client as a
 * JSON string: `(await api.as(admin).get<string>('/exports/x.csv')).body` is
 * then the exact CSV text, with the real status and headers.
 */
export function acceptCsvDownloads(): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const response = await original(input, init);
    if (!response.headers.get('content-type')?.startsWith('text/csv')) return response;
    // Decoded by hand: `text()` would drop the byte-order mark the tests check.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    return new Response(JSON.stringify(text), { status: response.status, headers: response.headers });
  };
  return () => {
    globalThis.fetch = original;
  };
}
