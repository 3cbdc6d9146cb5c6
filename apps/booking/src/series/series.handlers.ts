import type { DataSource } from 'typeorm';
import type { BookingModuleHandlers } from '../access/access-policy';
import type { BookingLifecycle } from '../bookings/booking-lifecycle';
import type { AfterApproval } from '../conventions/stored-conventions';
import { SeriesDesk } from './series-desk';

type SeriesOperations =
  | 'previewSeries'
  | 'createSeries'
  | 'previewEnteredSeries'
  | 'enterSeries'
  | 'series'
  | 'approveSeries'
  | 'refuseSeries'
  | 'cancelSeries';

/**
 * Weekly series: preview, request, read and decisions on the whole series or
 * a chosen subset of its occurrences, one action and one transaction.
 */
export function seriesHandlers(
  dataSource: DataSource,
  lifecycle: BookingLifecycle,
  afterApproval: AfterApproval,
): BookingModuleHandlers<SeriesOperations> {
  const series = new SeriesDesk(dataSource, lifecycle);
  return {
    previewSeries: { access: 'anyone', handle: ({ body }, { access }) => series.preview(body, access) },
    createSeries: {
      access: 'anyone',
      handle: ({ body }, { access, requestId }) => series.create(body, access, requestId),
    },
    previewEnteredSeries: {
      access: 'signedIn',
      handle: ({ params, body }, { access }) => series.previewEntered(params.id, body, access),
    },
    enterSeries: {
      access: 'signedIn',
      handle: async ({ params, body }, { access, requestId }) => {
        const created = await series.enter(params.id, body, access, requestId);
        // One convention for the whole series, issued through any of its sessions approved at once.
        const approved = created.occurrences.find((o) => o.bookingId && o.status !== 'requested');
        if (approved?.bookingId) await afterApproval(approved.bookingId, access);
        return created;
      },
    },
    series: { access: 'anyone', handle: ({ params }, { access }) => series.get(params.id, access) },
    approveSeries: {
      access: 'anyone',
      handle: async ({ params, body: { message, bookingIds } }, { access, requestId }) => {
        const decision = await series.decide(params.id, 'approve', access, { message, bookingIds, requestId });
        // One convention for the whole series, issued through any of its approved occurrences.
        const approved = decision.occurrences.find((occurrence) => occurrence.outcome === 'applied');
        if (approved) await afterApproval(approved.bookingId, access);
        return decision;
      },
    },
    refuseSeries: {
      access: 'anyone',
      handle: ({ params, body: { reason, bookingIds } }, { access, requestId }) =>
        series.decide(params.id, 'refuse', access, { reason, bookingIds, requestId }),
    },
    cancelSeries: {
      access: 'anyone',
      handle: ({ params, body: { reason, bookingIds } }, { access, requestId }) =>
        series.decide(params.id, 'cancel', access, { reason, bookingIds, requestId }),
    },
  };
}
