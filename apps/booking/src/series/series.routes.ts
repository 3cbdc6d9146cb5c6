import { Router } from 'express';
import type { DataSource } from 'typeorm';

/** Routes of the series module (wired in booking-service.ts). */
export function seriesRoutes(_dataSource: DataSource): Router {
  return Router();
}
