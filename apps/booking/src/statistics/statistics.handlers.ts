import type { DataSource } from 'typeorm';
import type { BookingModuleHandlers } from '../access/access-policy';
import { csvReply } from '../imports/csv-download';
import { StatisticsReport } from './statistics-report';

/** Statistics for département admins (every collège) and collège managers (their own), as JSON or CSV. */
export function statisticsHandlers(dataSource: DataSource): BookingModuleHandlers<'statistics' | 'exportStatistics'> {
  const report = new StatisticsReport(dataSource);
  return {
    statistics: { access: 'signedIn', handle: ({ query }, { access }) => report.compute(query, access) },
    exportStatistics: {
      access: 'signedIn',
      handle: async ({ query }, { access }) => csvReply(await report.exportCsv(query, access)),
    },
  };
}
