export { createHttpApp, type HttpAppOptions } from './create-app';
export { AppError, badRequest, conflict, forbidden, notFound, unauthorized, type AppErrorOptions } from './errors';
export { errorHandler, notFoundHandler } from './error-handler';
export { liveness, readiness, type ReadinessCheck } from './health';
export { createMetrics } from './metrics';
export { sendProblem } from './problem-response';
export { REQUEST_ID_HEADER, requestId } from './request-id';
export { startHttpServer, type RunningServer } from './server';
export { invalidFields, parseRequest } from './validation';
