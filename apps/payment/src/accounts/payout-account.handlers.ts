import type { OnboardingLink } from '@salle/contracts';
import { reply } from '@salle/http';
import type { PaymentHandlers } from '../access/access-policy';
import type { PayoutAccounts } from './payout-accounts';

/** The collège's payout account: its managers and the département's admins only (the `establishmentManager` rule). */
export function payoutAccountHandlers(
  accounts: PayoutAccounts,
): Pick<PaymentHandlers, 'payoutAccount' | 'createPayoutAccount' | 'onboardingLink'> {
  return {
    payoutAccount: {
      access: 'establishmentManager',
      handle: ({ params: { establishmentId } }) => accounts.view(establishmentId),
    },
    createPayoutAccount: {
      access: 'establishmentManager',
      handle: async ({ params: { establishmentId }, body }, { access }) => {
        const { view, created } = await accounts.create(establishmentId, body, access);
        return reply(view, { status: created ? 201 : 200 });
      },
    },
    onboardingLink: {
      access: 'establishmentManager',
      handle: async ({ params: { establishmentId } }) => {
        const link = await accounts.onboardingLink(establishmentId);
        const body: OnboardingLink = { url: link.url, expiresAt: link.expiresAt.toISOString() };
        // A bearer link: no cache may keep it.
        return reply(body, { headers: { 'cache-control': 'no-store' } });
      },
    },
  };
}
