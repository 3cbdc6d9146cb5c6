import { Router } from 'express';
import { createPayoutAccountSchema, establishmentPathSchema, type OnboardingLink } from '@salle/contracts';
import { parseRequest } from '@salle/http';
import { requireAccess, requireManagerOf } from '../access/caller-access';
import type { PayoutAccounts } from './payout-accounts';


/** The collège's payout account: its managers and the département's admins only. */
export function payoutAccountRoutes(accounts: PayoutAccounts): Router {
  const router = Router();

  router.get('/establishments/:establishmentId/payout-account', async (req, res) => {
    const access = requireAccess(res);
    const { establishmentId } = parseRequest(establishmentPathSchema, req.params, 'params');
    requireManagerOf(access, establishmentId);
    res.json(await accounts.view(establishmentId));
  });

  router.post('/establishments/:establishmentId/payout-account', async (req, res) => {
    const access = requireAccess(res);
    const { establishmentId } = parseRequest(establishmentPathSchema, req.params, 'params');
    requireManagerOf(access, establishmentId);
    const input = parseRequest(createPayoutAccountSchema, req.body);
    const { view, created } = await accounts.create(establishmentId, input, access);
    res.status(created ? 201 : 200).json(view);
  });

  router.post('/establishments/:establishmentId/payout-account/onboarding-link', async (req, res) => {
    const access = requireAccess(res);
    const { establishmentId } = parseRequest(establishmentPathSchema, req.params, 'params');
    requireManagerOf(access, establishmentId);
    const link = await accounts.onboardingLink(establishmentId);
    const body: OnboardingLink = { url: link.url, expiresAt: link.expiresAt.toISOString() };
    // A bearer link: no cache may keep it.
    res.setHeader('cache-control', 'no-store');
    res.json(body);
  });

  return router;
}
