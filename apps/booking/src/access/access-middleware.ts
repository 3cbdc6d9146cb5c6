import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { optionalCaller } from '@salle/auth';
import { loadAccess, type Access } from './access';

declare module 'express-serve-static-core' {
  // Express's `res.locals`, typed where each entry is written.
  interface Locals {
    /** The caller's rights, loaded by `accessOf` at the first need. */
    access?: Access;
  }
}

/** The caller's rights for this request, loaded once. */
export async function accessOf(res: Response, dataSource: DataSource): Promise<Access> {
  const cached = res.locals.access;
  if (cached) return cached;
  const access = await loadAccess(dataSource.manager, optionalCaller(res));
  res.locals.access = access;
  return access;
}
