import type { DataSource } from 'typeorm';
import type { Access } from '../access/access';
import { managerNotFound } from '../errors';

/** Who may sign for the collège (a manager flagged signatory) and for the département (admins holding the delegation). */
export class ConventionSignatories {
  constructor(private readonly dataSource: DataSource) {}

  async setSignatory(establishmentId: string, accountId: string, signatory: boolean, access: Access): Promise<void> {
    access.requireAdmin();
    const [, updated] = (await this.dataSource.query(
      `UPDATE booking.establishment_manager SET signatory = $3 WHERE establishment_id = $1 AND account_id = $2`,
      [establishmentId, accountId, signatory],
    )) as [unknown, number];
    if (!updated) throw managerNotFound();
  }

  async grantDelegation(accountId: string, deliberation: string, access: Access): Promise<void> {
    access.requireAdmin();
    await this.dataSource.query(
      `INSERT INTO booking.convention_delegate (account_id, deliberation) VALUES ($1, $2)
       ON CONFLICT (account_id) DO UPDATE SET deliberation = EXCLUDED.deliberation, granted_at = now()`,
      [accountId, deliberation],
    );
  }

  async revokeDelegation(accountId: string, access: Access): Promise<void> {
    access.requireAdmin();
    await this.dataSource.query(`DELETE FROM booking.convention_delegate WHERE account_id = $1`, [accountId]);
  }
}
