export { createHttpApp, type HttpAppOptions } from './create-app';
export { AppError, badRequest, conflict, forbidden, notFound, unauthorized, type AppErrorOptions } from './errors';
export { errorHandler, notFoundHandler } from './error-handler';
export { liveness, readiness, type ReadinessCheck } from './health';
export { createMetrics, createMetricsApp, labelRoute } from './metrics';
export { sendProblem } from './problem-response';
export { REQUEST_ID_HEADER, requestId } from './request-id';
export { startHttpServer, type RunningServer } from './server';
export { invalidFields, parseRequest } from './validation';
export { expressRoutes, openApiDocument, operationList, type ApiOperation } from './openapi';
export { responseConformance, type ObservedResponse } from './response-conformance';
export {
  etagOf,
  operationRoutes,
  Reply,
  sendRevalidated,
  reply,
  type AccessPolicy,
  type OperationContext,
  type OperationImplementation,
  type OperationImplementations,
  type OperationInput,
  type ReplyOptions,
} from './operations';
export { serverTiming, serverTimingOf } from './server-timing';
