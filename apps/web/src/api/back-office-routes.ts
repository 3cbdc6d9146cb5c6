import { gatewayAuditOperations, operationRoutes, payerContactOperations } from '@salle/contracts';

// The method and path of the back office's operations kept off the first page (the audit log, contacting a payer). Like `operation-routes.ts`, the build evaluates this module
// and ships only its result (`build/build-time-data-plugin.mts`); only lazily loaded pages (« Journal d’audit »,
// « Anomalies de paiement ») import it, so the first page does not grow with it.
export const gatewayAuditRoutes = operationRoutes(gatewayAuditOperations);
export const payerContactRoutes = operationRoutes(payerContactOperations);
