import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { accessOf } from './access-middleware';

/**
 * `GET /me`: what the caller acts for, as the booking service knows it. The
 * gateway merges it into `/api/me` so the web app can show roles.
 */
export function meRoutes(dataSource: DataSource): Router {
  const router = Router();
  router.get('/me', async (_req, res) => {
    const access = await accessOf(res, dataSource);
    const caller = access.requireCaller();
    const [organisations, establishments] = await Promise.all([
      dataSource.query(
        `SELECT o.id, o.name, o.kind, o.status, m.role
           FROM booking.membership m JOIN booking.organisation o ON o.id = m.organisation_id
          WHERE m.account_id = $1 ORDER BY o.name`,
        [caller.accountId],
      ),
      dataSource.query(`SELECT id, name, uai FROM booking.establishment WHERE id = ANY($1) ORDER BY name`, [access.establishmentIds]),
    ]);
    res.json({
      accountId: caller.accountId,
      roles: [...(access.isAdmin ? ['department_admin'] : []), ...(establishments.length ? ['establishment_manager'] : []), ...(organisations.length ? ['organisation_member'] : [])],
      organisations,
      establishments,
    });
  });
  return router;
}
