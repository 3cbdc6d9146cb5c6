import {
  bookingOperations,
  gatewayApiOperations,
  gatewayAuthOperations,
  operationRoutes,
  paymentOperations,
} from '@salle/contracts';

// The method and path of every operation the app calls, from the services' tables in the contracts. The build
// evaluates this module and ships only its result (`build/build-time-data-plugin.mts`): the tables' zod schemas,
// about 40 kB gzipped, stay off the pages that only call operations. Tests and the dev server run it as written.
export const bookingRoutes = operationRoutes(bookingOperations);
export const gatewayApiRoutes = operationRoutes(gatewayApiOperations);
export const gatewayAuthRoutes = operationRoutes(gatewayAuthOperations);
export const paymentRoutes = operationRoutes(paymentOperations);
