import type { DataSource } from 'typeorm';
import type { BookingModuleHandlers } from '../access/access-policy';
import { calendarHorizon } from '../availability/calendar-horizon';
import { schoolCalendar } from '../availability/school-calendar';
import { parisToday } from '../domain/time';
import { csvReply } from '../imports/csv-download';
import { bookedHoursHeatmap, bookedHoursHeatmapCsv } from './booked-hours-heatmap';
import { StatisticsReport } from './statistics-report';

/** Statistics for département admins (every collège) and collège managers (their own), as JSON or CSV; the calendar's horizon for admins. */
export function statisticsHandlers(
  dataSource: DataSource,
): BookingModuleHandlers<
  'statistics' | 'exportStatistics' | 'statisticsHeatmap' | 'exportStatisticsHeatmap' | 'calendarHorizon'
> {
  const report = new StatisticsReport(dataSource);
  return {
    calendarHorizon: { access: 'admin', handle: () => calendarHorizon(schoolCalendar(), parisToday()) },
    statistics: { access: 'signedIn', handle: ({ query }, { access }) => report.compute(query, access) },
    exportStatistics: {
      access: 'signedIn',
      handle: async ({ query }, { access }) => csvReply(await report.exportCsv(query, access)),
    },
    statisticsHeatmap: {
      access: 'signedIn',
      handle: ({ query }, { access }) => bookedHoursHeatmap(dataSource, query, access),
    },
    exportStatisticsHeatmap: {
      access: 'signedIn',
      handle: async ({ query }, { access }) => csvReply(await bookedHoursHeatmapCsv(dataSource, query, access)),
    },
  };
}
