import type { PayoutAccountState } from '@salle/contracts';
import { defineTable } from '@salle/db';

/** A collège's payout account at the provider, and its readiness as the provider's account events tell it. */
export interface PayoutAccountRecord {
  establishmentId: string;
  accountId: string;
  status: PayoutAccountState;
  transfersActive: boolean;
  payoutsEnabled: boolean;
  requirementsDue: string[];
  readyAt: Date | null;
  sweptAt: Date | null;
}

export const payoutAccountTable = defineTable<PayoutAccountRecord>('payment.payout_account', {
  establishmentId: 'establishment_id',
  accountId: 'account_id',
  status: 'status',
  transfersActive: 'transfers_active',
  payoutsEnabled: 'payouts_enabled',
  requirementsDue: 'requirements_due',
  readyAt: 'ready_at',
  sweptAt: 'swept_at',
});
