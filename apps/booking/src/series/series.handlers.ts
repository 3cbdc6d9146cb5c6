import type { DataSource } from 'typeorm';
import type { BookingModuleHandlers } from '../access/access-policy';
import type { BookingLifecycle } from '../bookings/booking-lifecycle';
import { SeriesDesk } from './series-desk';

type SeriesOperations = 'previewSeries' | 'createSeries' | 'series' | 'approveSeries' | 'refuseSeries' | 'cancelSeries';

/**
 * Weekly series: preview, request, read and whole-series decisions. Single
 * occurrences are decided through the booking operations like any booking.
 */
export function seriesHandlers(
  dataSource: DataSource,
  lifecycle: BookingLifecycle,
): BookingModuleHandlers<SeriesOperations> {
  const series = new SeriesDesk(dataSource, lifecycle);
  return {
    previewSeries: { access: 'anyone', handle: ({ body }, { access }) => series.preview(body, access) },
    createSeries: {
      access: 'anyone',
      handle: ({ body }, { access, requestId }) => series.create(body, access, requestId),
    },
    series: { access: 'anyone', handle: ({ params }, { access }) => series.get(params.id, access) },
    approveSeries: {
      access: 'anyone',
      handle: ({ params, body: { message } }, { access, requestId }) =>
        series.decide(params.id, 'approve', access, { message, requestId }),
    },
    refuseSeries: {
      access: 'anyone',
      handle: ({ params, body: { reason } }, { access, requestId }) =>
        series.decide(params.id, 'refuse', access, { reason, requestId }),
    },
    cancelSeries: {
      access: 'anyone',
      handle: ({ params, body: { reason } }, { access, requestId }) =>
        series.decide(params.id, 'cancel', access, { reason, requestId }),
    },
  };
}
