import { Router } from 'express';
import type { DataSource } from 'typeorm';

/** Routes of the imports module (wired in booking-service.ts). */
export function importRoutes(_dataSource: DataSource): Router {
  return Router();
}
