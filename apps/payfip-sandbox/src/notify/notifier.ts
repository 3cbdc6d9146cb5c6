import type { Logger } from '@salle/runtime';
import { z } from 'zod';

/** How notifications behave: sent at once, never sent (lost), or sent after a delay. */
export const notificationSettingsSchema = z.strictObject({
  mode: z.enum(['deliver', 'drop', 'delay']).optional(),
  delayMs: z.number().int().min(0).max(3_600_000).optional(),
  method: z.enum(['POST', 'GET']).optional(),
});
export type NotificationSettings = Required<z.infer<typeof notificationSettingsSchema>>;

export interface NotificationRecord {
  idOp: string;
  url: string;
  outcome: 'delivered' | 'dropped' | 'failed' | 'pending';
  httpStatus: number | null;
}

/**
 * Calls `urlnotif` with the idOp only, once (retries by the real service are not documented). The
 * notification says nothing about the result: the receiver must read it back.
 */
export class Notifier {
  settings: NotificationSettings;
  readonly log: NotificationRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly defaults: NotificationSettings,
    private readonly logger: Logger,
  ) {
    this.settings = { ...defaults };
  }

  update(changes: Partial<NotificationSettings>): NotificationSettings {
    this.settings = { ...this.settings, ...changes };
    return this.settings;
  }

  reset(): NotificationSettings {
    this.settings = { ...this.defaults };
    this.log.length = 0;
    return this.settings;
  }

  /** Sends (or drops, or delays) the notification of one operation; `force` ignores the mode (a replay). */
  notify(idOp: string, url: string, force = false): NotificationRecord {
    const record: NotificationRecord = { idOp, url, outcome: 'pending', httpStatus: null };
    this.log.push(record);
    if (!force && this.settings.mode === 'drop') {
      record.outcome = 'dropped';
      return record;
    }
    const delay = !force && this.settings.mode === 'delay' ? this.settings.delayMs : 0;
    const method = this.settings.method;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.send(record, method);
    }, delay);
    timer.unref();
    this.timers.add(timer);
    return record;
  }

  private async send(record: NotificationRecord, method: 'POST' | 'GET'): Promise<void> {
    const form = new URLSearchParams({ idop: record.idOp });
    const target = new URL(record.url);
    if (method === 'GET') target.searchParams.set('idop', record.idOp);
    try {
      const answer = await fetch(target, {
        method,
        headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        body: method === 'POST' ? form.toString() : undefined,
        signal: AbortSignal.timeout(10_000),
      });
      await answer.arrayBuffer();
      record.httpStatus = answer.status;
      record.outcome = answer.ok ? 'delivered' : 'failed';
    } catch (error) {
      record.outcome = 'failed';
      this.logger.warn({ err: error, idOp: record.idOp }, 'payfip sandbox notification failed');
    }
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
