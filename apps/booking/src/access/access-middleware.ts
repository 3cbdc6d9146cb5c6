import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { optionalCaller } from '@salle/auth';
import { loadAccess, type Access } from './access';

/** The caller's rights for this request, loaded once. */
export async function accessOf(res: Response, dataSource: DataSource): Promise<Access> {
  const cached = res.locals['access'] as Access | undefined;
  if (cached) return cached;
  const access = await loadAccess(dataSource.manager, optionalCaller(res));
  res.locals['access'] = access;
  return access;
}
