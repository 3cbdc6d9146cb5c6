import type { z } from 'zod';
import type { Caller, TokenIssuer } from '@salle/auth';
import { injectTraceHeaders, type Logger } from '@salle/runtime';
import { personalDataUnavailable } from '../errors';

export type PrivacyService = 'booking' | 'notification' | 'payment';

/**
 * A service's privacy operations as the gateway itself calls them, with an internal token minted for the
 * person concerned (never through the proxy: the person does not choose whom the data is about). A service
 * that does not answer properly fails the whole request: a partial export would claim less than is held.
 */
export class ServiceParts {
  constructor(
    private readonly urls: Record<PrivacyService, string>,
    private readonly issuer: TokenIssuer,
    private readonly logger: Logger,
    private readonly timeoutMs = 10_000,
  ) {}

  get<S extends z.ZodType>(service: PrivacyService, path: string, schema: S, caller: Caller, requestId: string) {
    return this.call('GET', service, path, schema, caller, requestId);
  }

  post<S extends z.ZodType>(service: PrivacyService, path: string, schema: S, caller: Caller, requestId: string) {
    return this.call('POST', service, path, schema, caller, requestId);
  }

  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    service: PrivacyService,
    path: string,
    schema: S,
    caller: Caller,
    requestId: string,
  ): Promise<z.output<S>> {
    let response: Response;
    try {
      const headers: Record<string, string> = {
        authorization: `Bearer ${await this.issuer.mint(caller, service)}`,
        'x-request-id': requestId,
      };
      injectTraceHeaders(headers);
      response = await fetch(new URL(path, this.urls[service]), {
        method,
        headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      this.logger.warn({ requestId, service, reason: (error as Error).name }, 'personal data part unavailable');
      throw personalDataUnavailable();
    }
    const parsed = response.ok ? schema.safeParse(await response.json()) : undefined;
    if (!parsed?.success) {
      this.logger.warn({ requestId, service, status: response.status }, 'personal data part refused or malformed');
      throw personalDataUnavailable();
    }
    return parsed.data as z.output<S>;
  }
}
