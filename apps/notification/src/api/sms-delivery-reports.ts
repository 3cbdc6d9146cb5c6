import { timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError } from '@salle/http';
import { recordDeliveryReport } from '../delivery/sms/delivery-reports';
import type { NotificationHandlers } from './access-policy';

const invalidKey = () => new AppError(404, 'sms_report_key_invalid', 'Cette adresse de compte rendu SMS n’existe pas.');

function sameKey(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * OVHcloud's delivery reports. OVHcloud signs nothing it calls: the key that
 * ends the callback URL configured on the SMS account is the proof, compared
 * in constant time. Anything else gets the same 404 as an unknown path.
 */
export function smsDeliveryReportHandlers(
  dataSource: DataSource,
  reportKey: string,
): Pick<NotificationHandlers, 'smsDeliveryReport'> {
  return {
    smsDeliveryReport: {
      access: 'anyone',
      handle: async ({ params: { key }, query }) => {
        if (!sameKey(key, reportKey)) throw invalidKey();
        return { recorded: await recordDeliveryReport(dataSource, query) };
      },
    },
  };
}
