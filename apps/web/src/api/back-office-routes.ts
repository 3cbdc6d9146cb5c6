import { gatewayAuditOperations, operationRoutes } from '@salle/contracts';

// The method and path of the back office's operations kept off the first page (the audit log, contacting a payer). Like `operation-routes.ts`, the build evaluates this module
// and ships only its result (`build/build-time-data-plugin.mts`); only the lazily loaded « Journal d’audit »
// imports it, so the first page does not grow with it.
export const gatewayAuditRoutes = operationRoutes(gatewayAuditOperations);
