import type { MigrationInterface } from 'typeorm';
import { gatewayMigrations } from './index';

// A database records each applied migration under its `name`, not its file: these are the names deployed
// databases hold. Moving or renaming a file must leave them as they are, or the migration would run again.
it('keeps the names deployed databases recorded, in order', () => {
  const names = gatewayMigrations.map((Migration) => (new Migration() as MigrationInterface).name);
  expect(names).toEqual([
    'CreateAccounts1763900100000',
    'CreateEventTables1763900000000',
    'AddOutboxTraceparent1796700000000',
    'Announcements1796740000000',
    'MinimalAccountClaims1796750000000',
    'ErasureRequests1796760000000',
    'AccountInactivityWarning1797200000000',
    'AuditLog1799700300000',
  ]);
});
