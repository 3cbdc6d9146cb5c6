import type { DataSource } from 'typeorm';
import type { CreatePayoutAccount, PayoutAccountView } from '@salle/contracts';
import type { Logger } from '@salle/runtime';
import { queryOne, returnedRows } from '@salle/db';
import type { CallerAccess } from '@salle/auth';
import { payoutAccountMissing } from '../errors';
import { paymentOutbox } from '../events/payment-outbox';
import { payoutAccountTable, type PayoutAccountRecord } from '../database/tables/payout-account-table';
import type { PaymentProvider } from '../provider/payment-provider';
import { recordPaymentAudit, staffActor } from '../audit/audit.handlers';

/** What the account's view and its refresh read of a payout account. */
type AccountRow = Omit<PayoutAccountRecord, 'sweptAt'>;

const COLUMNS = payoutAccountTable.pick(
  'establishmentId',
  'accountId',
  'status',
  'transfersActive',
  'payoutsEnabled',
  'requirementsDue',
  'readyAt',
);

function toView(establishmentId: string, row: AccountRow | undefined): PayoutAccountView {
  if (!row)
    return {
      establishmentId,
      status: 'none',
      accountId: null,
      transfersActive: false,
      payoutsEnabled: false,
      requirementsDue: [],
      readyAt: null,
    };
  return {
    establishmentId,
    status: row.status,
    accountId: row.accountId,
    transfersActive: row.transfersActive,
    payoutsEnabled: row.payoutsEnabled,
    requirementsDue: row.requirementsDue,
    readyAt: row.readyAt ? row.readyAt.toISOString() : null,
  };
}

/**
 * Each collège's payout account at the provider. Created by a manager of the
 * collège or a département admin; onboarded through single-use links made
 * fresh on each visit (never stored nor logged); ready only when the
 * provider says so in its account events, whatever the return URL suggests.
 */
export class PayoutAccounts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provider: PaymentProvider,
    private readonly webUrl: string,
    private readonly logger: Logger,
  ) {}

  async view(establishmentId: string): Promise<PayoutAccountView> {
    return toView(establishmentId, await this.find(establishmentId));
  }

  async create(
    establishmentId: string,
    input: CreatePayoutAccount,
    access: CallerAccess,
  ): Promise<{ view: PayoutAccountView; created: boolean }> {
    const existing = await this.find(establishmentId);
    if (existing) return { view: toView(establishmentId, existing), created: false };
    // Same key for every attempt: two managers clicking at once get one account.
    const state = await this.provider.createPayoutAccount(
      { establishmentId, displayName: input.displayName, email: input.email },
      `onboard:${establishmentId}`,
    );
    await this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO payment.payout_account (establishment_id, provider, account_id, display_name, status, transfers_active, payouts_enabled, requirements_due, created_by)
       VALUES ($1, $2, $3, $4, 'onboarding', $5, $6, $7, $8) ON CONFLICT (establishment_id) DO NOTHING RETURNING establishment_id`,
        [
          establishmentId,
          this.provider.name,
          state.accountId,
          input.displayName,
          state.transfersActive,
          state.payoutsEnabled,
          state.requirementsDue,
          access.caller.accountId,
        ],
      )) as unknown[];
      if (inserted.length === 0) return;
      await recordPaymentAudit(manager, {
        actor: staffActor(access),
        action: 'payout_account.created',
        object: { type: 'payout_account', id: establishmentId },
        establishmentId,
        changes: {
          provider: { before: null, after: this.provider.name },
          status: { before: null, after: 'onboarding' },
        },
      });
    });
    this.logger.info({ establishment: establishmentId, account: state.accountId }, 'payout account created');
    return { view: await this.view(establishmentId), created: true };
  }

  /** A fresh onboarding link for the caller's browser: returned once, kept nowhere. */
  async onboardingLink(establishmentId: string): Promise<{ url: string; expiresAt: Date }> {
    const account = await this.find(establishmentId);
    if (!account) throw payoutAccountMissing();
    const page = `${this.webUrl}/etablissements/${establishmentId}/versements`;
    return this.provider.createOnboardingLink({
      accountId: account.accountId,
      refreshUrl: `${page}?lien=expire`,
      returnUrl: `${page}?retour=1`,
    });
  }

  /**
   * Re-reads an account after a provider event and records its readiness.
   * Becoming ready emits establishment.payout_ready (again after a
   * restriction was lifted), in the same transaction.
   */
  async refresh(accountId: string): Promise<void> {
    const state = await this.provider.getPayoutAccount(accountId);
    await this.dataSource.transaction(async (manager) => {
      const row = await queryOne<AccountRow>(
        manager,
        `SELECT ${COLUMNS} FROM payment.payout_account WHERE account_id = $1 FOR UPDATE`,
        [accountId],
      );
      if (!row) {
        this.logger.info({ account: accountId }, 'event about an account this service does not know: ignored');
        return;
      }
      const ready = state.transfersActive && state.payoutsEnabled;
      const status = ready
        ? 'ready'
        : row.status === 'ready' || row.status === 'restricted'
          ? 'restricted'
          : 'onboarding';
      const [changed] = await returnedRows<Pick<PayoutAccountRecord, 'establishmentId'>>(
        manager,
        `UPDATE payment.payout_account
            SET status = $2, transfers_active = $3, payouts_enabled = $4, requirements_due = $5, updated_at = now(),
                ready_at = CASE WHEN $2 = 'ready' AND status <> 'ready' THEN now() ELSE ready_at END
          WHERE account_id = $1 RETURNING ${payoutAccountTable.pick('establishmentId')}`,
        [accountId, status, state.transfersActive, state.payoutsEnabled, state.requirementsDue],
      );
      if (ready && row.status !== 'ready' && changed) {
        await paymentOutbox.add(manager, {
          type: 'establishment.payout_ready',
          aggregateId: row.establishmentId,
          payload: { establishmentId: row.establishmentId, accountId },
        });
      }
      if (!ready && row.status === 'ready') {
        this.logger.warn(
          { account: accountId, due: state.requirementsDue },
          'payout account restricted by the provider: new checkouts refused',
        );
      }
    });
  }

  private async find(establishmentId: string): Promise<AccountRow | undefined> {
    return queryOne<AccountRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM payment.payout_account WHERE establishment_id = $1`,
      [establishmentId],
    );
  }
}
