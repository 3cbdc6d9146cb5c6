import { Router } from 'express';
import type { DataSource } from 'typeorm';

/** Routes of the statistics module (wired in booking-service.ts). */
export function statisticsRoutes(_dataSource: DataSource): Router {
  return Router();
}
