import { eventTablesMigrations } from '@salle/events';
import { CreateAccounts1763900100000 } from './migrations/1763900100000-create-accounts';
import { Announcements1796740000000 } from './migrations/1796740000000-announcements';
import { MinimalAccountClaims1796750000000 } from './migrations/1796750000000-minimal-account-claims';
import { ErasureRequests1796760000000 } from './migrations/1796760000000-erasure-requests';
import { AccountInactivityWarning1797200000000 } from './migrations/1797200000000-account-inactivity-warning';
import { AuditLog1799700300000 } from './migrations/1799700300000-audit-log';

/**
 * The gateway schema's migrations, in order (listed: the app is bundled). The event tables hold the
 * inbox of the events it consumes and the outbox of those it announces.
 */
export const gatewayMigrations = [
  CreateAccounts1763900100000,
  ...eventTablesMigrations('gateway'),
  Announcements1796740000000,
  MinimalAccountClaims1796750000000,
  ErasureRequests1796760000000,
  AccountInactivityWarning1797200000000,
  AuditLog1799700300000,
];
