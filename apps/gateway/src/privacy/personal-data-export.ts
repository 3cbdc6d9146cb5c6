import type { DataSource } from 'typeorm';
import { auditEntriesNaming } from '@salle/db';
import {
  bookingPersonalDataSchema,
  notificationPersonalDataSchema,
  paymentPersonalDataSchema,
  type IdentityProvider,
  type PersonalDataExport,
} from '@salle/contracts';
import { callerOf } from '../api/me';
import type { Session, SessionStore } from '../sessions/session-store';
import type { ErasureRequests } from './erasure-requests';
import type { ServiceParts } from './service-parts';

interface AccountRow {
  id: string;
  provider: IdentityProvider;
  subject: string;
  claims: Record<string, unknown>;
  createdAt: Date;
  lastLoginAt: Date;
}

/**
 * « Télécharger mes données »: what the gateway holds about the signed-in person (account, claims, open
 * sessions, their erasure request and the audit entries naming them) and what booking, notification and payment
 * hold, each asked for the person's own part.
 */
export class PersonalDataExporter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionStore,
    private readonly services: ServiceParts,
    private readonly erasures: Pick<ErasureRequests, 'ofAccount'>,
  ) {}

  async export(session: Session, requestId: string, now = new Date()): Promise<PersonalDataExport> {
    const caller = callerOf(session);
    const [account, activeSessions, erasureRequests, auditLog, booking, notification, payment] = await Promise.all([
      this.account(session.accountId),
      this.sessions.countFor(session.accountId),
      this.erasures.ofAccount(session.accountId),
      auditEntriesNaming(this.dataSource, 'gateway', 'gateway', session.accountId),
      this.services.get('booking', '/me/personal-data', bookingPersonalDataSchema, caller, requestId),
      this.services.get('notification', '/me/personal-data', notificationPersonalDataSchema, caller, requestId),
      this.services.get('payment', '/me/personal-data', paymentPersonalDataSchema, caller, requestId),
    ]);
    const gateway = { account, activeSessions, erasureRequests, auditLog };
    return { generatedAt: now.toISOString(), gateway, booking, notification, payment };
  }

  private async account(accountId: string): Promise<PersonalDataExport['gateway']['account']> {
    const [row] = (await this.dataSource.query(
      `SELECT id, provider, subject, claims, created_at AS "createdAt", last_login_at AS "lastLoginAt"
         FROM gateway.account WHERE id = $1`,
      [accountId],
    )) as AccountRow[];
    if (!row) throw new Error('the session names an account the gateway does not hold');
    return { ...row, createdAt: row.createdAt.toISOString(), lastLoginAt: row.lastLoginAt.toISOString() };
  }
}
