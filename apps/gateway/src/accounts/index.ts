import { CreateAccounts1763900100000 } from './migrations/1763900100000-create-accounts';

export { AccountStore } from './account-store';

/** The gateway schema's migrations, in order (listed: the app is bundled). */
export const gatewayMigrations = [CreateAccounts1763900100000];
