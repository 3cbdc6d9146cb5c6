import type { SendFailure, SendOutcome } from '../retry-policy';
import { ovhHeaders, type OvhKeys } from './ovh-signature';

export interface OvhSmsSettings extends OvhKeys {
  /** https://eu.api.ovh.com/1.0, or the sms-sandbox's http://127.0.0.1:3007/1.0. */
  endpoint: string;
  /** The SMS account, e.g. sms-ab12345-1. */
  serviceName: string;
  /** An alphanumeric sender approved on the account (11 characters at most); null: OVHcloud's short number. */
  sender: string | null;
  timeoutMs: number;
}

export interface OutgoingSms {
  /** The send log's id; its start is the job's tag, so that OVHcloud's history can be matched to the log. */
  id: string;
  /** E.164. */
  to: string;
  text: string;
}

/** The SMS channel's port: the delivery worker sends through it, whatever the provider. */
export interface SmsSender {
  send(sms: OutgoingSms): Promise<SendOutcome>;
  close(): void;
}

interface JobAnswer {
  totalCreditsRemoved?: number;
  ids?: number[];
  validReceivers?: string[];
  invalidReceivers?: string[];
}

/**
 * Answers that would come again for this message. Credentials, signature and
 * clock problems (401, 403, QUERY_TIME_OUT, INVALID_SIGNATURE) are the
 * deployment's, not the message's: retried until an operator fixes them.
 */
export function isPermanent(status: number, errorCode: string | undefined): boolean {
  if (status >= 500 || [401, 403, 408, 429].includes(status)) return false;
  return !['QUERY_TIME_OUT', 'INVALID_SIGNATURE'].includes(errorCode ?? '');
}

async function failureOf(response: Response): Promise<SendFailure> {
  const body = (await response.json().catch(() => ({}))) as { errorCode?: string; message?: string };
  return {
    protocol: 'OVH',
    responseCode: response.status,
    message: [body.errorCode, body.message].filter(Boolean).join(' ') || response.statusText,
    permanent: isPermanent(response.status, body.errorCode),
  };
}

/**
 * OVHcloud's SMS API (`POST /sms/{serviceName}/jobs`), one job per message,
 * signed with the account's keys. Timestamps are taken on OVHcloud's clock
 * (`GET /auth/time`, read once and again after a clock refusal), as its own
 * client libraries do, so that a drifting server clock does not refuse every SMS.
 */
export function createOvhSmsSender(settings: OvhSmsSettings): SmsSender {
  let clockOffsetSeconds: number | null = null;
  const signal = () => AbortSignal.timeout(settings.timeoutMs);

  async function serverTime(): Promise<number> {
    if (clockOffsetSeconds === null) {
      const answer = await fetch(`${settings.endpoint}/auth/time`, { signal: signal() });
      if (!answer.ok) throw new Error(`OVH auth/time answered ${answer.status}`);
      clockOffsetSeconds = Number(await answer.json()) - Math.floor(Date.now() / 1000);
    }
    return Math.floor(Date.now() / 1000) + clockOffsetSeconds;
  }

  return {
    async send(sms) {
      const url = `${settings.endpoint}/sms/${encodeURIComponent(settings.serviceName)}/jobs`;
      const body = JSON.stringify({
        message: sms.text,
        receivers: [sms.to],
        ...(settings.sender ? { sender: settings.sender } : { senderForResponse: true }),
        // Service messages about the person's own booking, not advertising: no STOP mention.
        noStopClause: true,
        priority: 'high',
        // Two days: after that the news is stale.
        validityPeriod: 2_880,
        tag: sms.id.slice(0, 20),
      });
      try {
        const headers = ovhHeaders(settings, { method: 'POST', url, body }, await serverTime());
        const response = await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body,
          signal: signal(),
        });
        if (!response.ok) {
          const failure = await failureOf(response);
          if (failure.message.startsWith('QUERY_TIME_OUT')) clockOffsetSeconds = null;
          return { ok: false, failure };
        }
        const answer = (await response.json()) as JobAnswer;
        if (!answer.validReceivers?.includes(sms.to))
          return {
            ok: false,
            failure: { protocol: 'OVH', message: 'invalid receiver: OVHcloud refused the number', permanent: true },
          };
        return {
          ok: true,
          response: `OVH job ${(answer.ids ?? []).join(',')}, ${answer.totalCreditsRemoved ?? 0} credit(s)`,
          // One receiver, one id: the one OVHcloud's delivery report will name.
          ...(answer.ids?.length === 1 ? { providerId: String(answer.ids[0]) } : {}),
        };
      } catch (error) {
        // No answer (down, timeout): retried.
        return { ok: false, failure: { protocol: 'OVH', message: (error as Error).message } };
      }
    },
    close() {
      // Nothing held open: fetch pools its own connections.
    },
  };
}
