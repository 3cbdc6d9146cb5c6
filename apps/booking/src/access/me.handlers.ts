import type { DataSource } from 'typeorm';
import type { BookingMe } from '@salle/contracts';
import type { BookingModuleHandlers } from './access-policy';

/**
 * `GET /me`: what the caller acts for, as the booking service knows it. The
 * gateway merges it into `/api/me` so the web app can show roles.
 */
export function meHandlers(dataSource: DataSource): BookingModuleHandlers<'me'> {
  return {
    me: {
      access: 'signedIn',
      handle: async (_input, { access }) => {
        const caller = access.requireCaller();
        // The name and e-mail a manager is listed by are those they last signed in with: the gateway asks
        // for /me at each sign-in. A no-op for anyone else, and once they are known.
        await dataSource.query(
          `UPDATE booking.establishment_manager SET display_name = $2, email = COALESCE($3, email)
            WHERE account_id = $1 AND (display_name IS DISTINCT FROM $2 OR email IS DISTINCT FROM COALESCE($3, email))`,
          [caller.accountId, caller.displayName, caller.email?.toLowerCase() ?? null],
        );
        const [organisations, establishments] = await Promise.all([
          dataSource.query(
            `SELECT o.id, o.name, o.kind, o.status, m.role
               FROM booking.membership m JOIN booking.organisation o ON o.id = m.organisation_id
              WHERE m.account_id = $1 ORDER BY o.name`,
            [caller.accountId],
          ),
          dataSource.query(`SELECT id, name, uai FROM booking.establishment WHERE id = ANY($1) ORDER BY name`, [
            access.establishmentIds,
          ]),
        ]);
        const me: BookingMe = {
          accountId: caller.accountId,
          roles: [
            ...(access.isAdmin ? ['department_admin' as const] : []),
            ...(establishments.length ? ['establishment_manager' as const] : []),
            ...(organisations.length ? ['organisation_member' as const] : []),
          ],
          organisations,
          establishments,
        };
        return me;
      },
    },
  };
}
