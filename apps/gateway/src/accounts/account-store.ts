import type { DataSource } from 'typeorm';
import { accountContactChangedV1, type IdentityProvider } from '@salle/contracts';
import { createOutbox } from '@salle/events';

/** What the federation said to reach the person: announced to the notification service. */
export interface AccountContact {
  email: string;
  displayName: string;
}

/**
 * Local accounts: (provider, sub) → account id, with the latest userinfo
 * claims. A second login refreshes the claims and keeps the id. When the
 * e-mail is new or changed, the same transaction announces it
 * (account.contact_changed), so that the notification service can tell the
 * person without reading this schema.
 */
export class AccountStore {
  private readonly outbox = createOutbox({ schema: 'gateway' });

  constructor(private readonly dataSource: DataSource) {}

  async upsert(
    provider: IdentityProvider,
    subject: string,
    claims: Record<string, unknown>,
    contact?: AccountContact,
  ): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `WITH previous AS (SELECT claims->>'email' AS email FROM gateway.account WHERE provider = $1 AND subject = $2)
         INSERT INTO gateway.account (provider, subject, claims) VALUES ($1, $2, $3)
         ON CONFLICT (provider, subject) DO UPDATE
           SET claims = EXCLUDED.claims, last_login_at = now(), inactivity_warned_at = NULL
         RETURNING id, (SELECT email FROM previous) AS "previousEmail", (xmax = 0) AS "created"`,
        [provider, subject, JSON.stringify(claims)],
      )) as { id: string; previousEmail: string | null; created: boolean }[];
      if (!row) throw new Error('account upsert returned no row');
      const payload = contact && {
        accountId: row.id,
        email: contact.email.toLowerCase(),
        displayName: contact.displayName,
      };
      // A federation's odd e-mail or name never stops a login: the account is then simply not announced.
      const changed = row.created || row.previousEmail?.toLowerCase() !== payload?.email;
      if (payload && changed && accountContactChangedV1.safeParse(payload).success) {
        await this.outbox.add(manager, { type: 'account.contact_changed', aggregateId: row.id, payload });
      }
      return row.id;
    });
  }
}
