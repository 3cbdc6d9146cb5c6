import type { EntityManager } from 'typeorm';

/** Whether the person chose the daily digest instead of one e-mail per new request. */
export async function readDigestChoice(manager: EntityManager, accountId: string): Promise<boolean> {
  const rows = (await manager.query(`SELECT 1 FROM notification.digest_choice WHERE account_id = $1`, [
    accountId,
  ])) as unknown[];
  return rows.length > 0;
}

export async function recordDigestChoice(manager: EntityManager, accountId: string, daily: boolean): Promise<void> {
  await manager.query(
    daily
      ? `INSERT INTO notification.digest_choice (account_id) VALUES ($1) ON CONFLICT (account_id) DO NOTHING`
      : `DELETE FROM notification.digest_choice WHERE account_id = $1`,
    [accountId],
  );
}

/** Among these accounts, those who chose the digest: the planner leaves out their e-mail of each new request. */
export async function digestReaders(manager: EntityManager, accountIds: string[]): Promise<Set<string>> {
  if (!accountIds.length) return new Set();
  const rows = (await manager.query(
    `SELECT account_id AS "accountId" FROM notification.digest_choice WHERE account_id = ANY($1::uuid[])`,
    [accountIds],
  )) as { accountId: string }[];
  return new Set(rows.map((row) => row.accountId));
}
