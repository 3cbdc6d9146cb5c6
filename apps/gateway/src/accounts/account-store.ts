import type { DataSource } from 'typeorm';
import type { IdentityProvider } from '@salle/contracts';

/**
 * Local accounts: (provider, sub) → account id, with the latest userinfo
 * claims. A second login refreshes the claims and keeps the id.
 */
export class AccountStore {
  constructor(private readonly dataSource: DataSource) {}

  async upsert(provider: IdentityProvider, subject: string, claims: Record<string, unknown>): Promise<string> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO gateway.account (provider, subject, claims) VALUES ($1, $2, $3)
       ON CONFLICT (provider, subject) DO UPDATE SET claims = EXCLUDED.claims, last_login_at = now()
       RETURNING id`,
      [provider, subject, JSON.stringify(claims)],
    )) as { id: string }[];
    if (!row) throw new Error('account upsert returned no row');
    return row.id;
  }
}
