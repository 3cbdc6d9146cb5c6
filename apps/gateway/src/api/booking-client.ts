import type { Caller, TokenIssuer } from '@salle/auth';
import { bookingMeSchema, type BookingMe } from '@salle/contracts';
import { injectTraceHeaders, type Logger } from '@salle/runtime';

/**
 * The booking service as the gateway itself calls it (not through the
 * proxy): `GET /me` for the roles, organisations and establishments of a
 * caller. A ProConnect agent's SIRET travels in the internal token, and the
 * booking service links them to the matching collège on that call.
 */
export class BookingClient {
  constructor(
    private readonly baseUrl: string,
    private readonly issuer: TokenIssuer,
    private readonly logger: Logger,
    private readonly timeoutMs = 3_000,
  ) {}

  /** Undefined when the service does not answer properly: the caller shows what it has. */
  async me(caller: Caller, requestId: string): Promise<BookingMe | undefined> {
    try {
      const headers: Record<string, string> = {
        authorization: `Bearer ${await this.issuer.mint(caller, 'booking')}`,
        'x-request-id': requestId,
      };
      injectTraceHeaders(headers);
      const response = await fetch(new URL('/me', this.baseUrl), {
        headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) {
        this.logger.warn({ requestId, status: response.status }, 'booking /me refused');
        return undefined;
      }
      return bookingMeSchema.parse(await response.json());
    } catch (error) {
      this.logger.warn({ requestId, reason: (error as Error).name }, 'booking /me unavailable');
      return undefined;
    }
  }
}
