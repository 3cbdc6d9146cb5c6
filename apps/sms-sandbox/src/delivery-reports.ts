import type { Logger } from '@salle/runtime';
import type { CaughtSms, SmsInbox } from './sms-inbox';

/** What the sandbox reports of an SMS, as OVHcloud's callback carries it. */
export interface DeliveryReport {
  /** 1 delivered, 2 not delivered (the codes OVHcloud's callback sends in `dlr`). */
  dlr: 1 | 2;
  description: string;
  /** The status the callback answered, or null when it could not be reached. */
  callbackStatus: number | null;
}

export interface DeliveryReportSettings {
  /** The callback URL configured on the SMS account; null: no reports (OVHcloud's default). */
  callBack: string | null;
  /** Numbers whose SMS are reported not delivered (tests: a handset switched off for days). */
  undeliverable: string[];
}

/** `GET <callBack>?id=…&dlr=…&ptt=…&date=…&description=…&receiver=…&tag=…`, as OVHcloud calls it. */
export function reportUrl(callBack: string, sms: CaughtSms, report: Omit<DeliveryReport, 'callbackStatus'>): string {
  const url = new URL(callBack);
  const params = {
    id: String(sms.id),
    dlr: String(report.dlr),
    // OVHcloud's PTT codes for the same outcome: 4 delivered, 5 not delivered.
    ptt: report.dlr === 1 ? '4' : '5',
    date: new Date().toISOString(),
    description: report.description,
    receiver: sms.receiver,
    tag: sms.tag ?? '',
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * Calls the delivery-report callback for each SMS of an accepted job, a
 * moment after (as a handset would acknowledge it), and keeps what it
 * reported and what the callback answered on the SMS in the inbox.
 */
export function reportDeliveries(
  inbox: SmsInbox,
  settings: DeliveryReportSettings,
  ids: number[],
  delayMs: number,
  logger: Logger,
): void {
  const callBack = settings.callBack;
  if (!callBack) return;
  setTimeout(() => {
    for (const sms of inbox.list().filter((one) => ids.includes(one.id))) {
      const delivered = !settings.undeliverable.includes(sms.receiver);
      const report = delivered
        ? ({ dlr: 1, description: 'Message delivered' } as const)
        : ({ dlr: 2, description: 'Message not delivered: handset unreachable' } as const);
      fetch(reportUrl(callBack, sms, report), { signal: AbortSignal.timeout(5_000) })
        .then((answer) => inbox.report(sms.id, { ...report, callbackStatus: answer.status }))
        .catch((error: unknown) => {
          inbox.report(sms.id, { ...report, callbackStatus: null });
          logger.warn({ smsId: sms.id, reason: (error as Error).message }, 'delivery report callback unreachable');
        });
    }
  }, delayMs).unref();
}
