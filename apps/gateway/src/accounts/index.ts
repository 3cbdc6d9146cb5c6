export { AccountStore, type AccountContact } from './account-store';
