import type { DataSource } from 'typeorm';
import type { SmsDeliveryReport } from '@salle/contracts/notification';
import { returnedRows } from '@salle/db';

/**
 * What OVHcloud's `dlr` code says of an SMS: 1 delivered to the handset; 2 not
 * delivered, 16 refused by the operator's message centre (both final); the
 * others (4 buffered, 8 handed to the centre) say it is on its way.
 */
export function deliveryOutcome(dlr: number): 'delivered' | 'undelivered' | null {
  if (dlr === 1) return 'delivered';
  if (dlr === 2 || dlr === 16) return 'undelivered';
  return null;
}

/**
 * Records a delivery report on the SMS it names (by the id OVHcloud gave it):
 * delivered, it keeps the time; not delivered, it is failed with the report's
 * reason, so that the admins see it with the messages that reached nobody.
 * Only a `sent` SMS changes: a report repeated, or about an SMS already
 * settled, changes nothing. Returns whether a message of ours changed.
 */
export async function recordDeliveryReport(dataSource: DataSource, report: SmsDeliveryReport): Promise<boolean> {
  const outcome = deliveryOutcome(report.dlr);
  if (outcome === null) return false;
  const changed = await returnedRows<{ id: string }>(
    dataSource,
    outcome === 'delivered'
      ? `UPDATE notification.message SET delivered_at = now()
          WHERE channel = 'sms' AND provider_message_id = $1 AND status = 'sent' AND delivered_at IS NULL
          RETURNING id`
      : `UPDATE notification.message SET status = 'failed', failed_at = now(), last_error = $2
          WHERE channel = 'sms' AND provider_message_id = $1 AND status = 'sent' AND delivered_at IS NULL
          RETURNING id`,
    outcome === 'delivered'
      ? [report.id]
      : [report.id, `OVH delivery report ${report.dlr}: ${report.description ?? 'not delivered'}`.slice(0, 1000)],
  );
  return changed.length > 0;
}
