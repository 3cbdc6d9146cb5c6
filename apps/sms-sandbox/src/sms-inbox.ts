import { smsLength, type SmsEncoding } from '@salle/contracts';
import type { DeliveryReport } from './delivery-reports';

/** An SMS job as the sandbox received it, one entry per receiver (as a handset would see it). */
export interface CaughtSms {
  /** The job id the API answered, as OVHcloud numbers its jobs. */
  id: number;
  receivedAt: string;
  serviceName: string;
  sender: string | null;
  receiver: string;
  message: string;
  noStopClause: boolean;
  tag: string | null;
  encoding: SmsEncoding;
  segments: number;
  /** What the delivery-report callback was told, once it was called. */
  deliveryReport: DeliveryReport | null;
}

export type NewSms = Omit<CaughtSms, 'id' | 'receivedAt' | 'encoding' | 'segments' | 'deliveryReport'>;

/** The sandbox's memory: the latest `capacity` SMS, newest last; nothing on disk. */
export class SmsInbox {
  private readonly messages: CaughtSms[] = [];
  private nextId = 10_000_001;

  constructor(private readonly capacity: number) {}

  /** Keeps one SMS per receiver and returns the id of each. */
  add(job: Omit<NewSms, 'receiver'>, receivers: string[]): number[] {
    const { encoding, segments } = smsLength(job.message);
    const receivedAt = new Date().toISOString();
    const ids = receivers.map((receiver) => {
      const id = this.nextId++;
      this.messages.push({ id, receivedAt, ...job, receiver, encoding, segments, deliveryReport: null });
      return id;
    });
    if (this.messages.length > this.capacity) this.messages.splice(0, this.messages.length - this.capacity);
    return ids;
  }

  /** Newest first; `to` keeps the SMS sent to that number. */
  list(filter: { to?: string } = {}): CaughtSms[] {
    const kept = filter.to ? this.messages.filter((sms) => sms.receiver === filter.to) : this.messages;
    return [...kept].reverse();
  }

  /** Keeps what the delivery-report callback was told of an SMS (gone from memory: nothing to keep). */
  report(id: number, report: DeliveryReport): void {
    const sms = this.messages.find((one) => one.id === id);
    if (sms) sms.deliveryReport = report;
  }

  clear(): void {
    this.messages.length = 0;
  }

  get size(): number {
    return this.messages.length;
  }
}
