export { AccountStore, type AccountContact } from './account-store';
export { announceDepartmentAdmins } from './admin-announcement';
export { listDepartmentAdmins } from './department-admins';
