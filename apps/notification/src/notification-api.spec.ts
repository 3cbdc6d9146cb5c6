import express from 'express';
import type { DataSource } from 'typeorm';
import { serviceAuditOperations } from '@salle/contracts';
import { notificationOperations } from '@salle/contracts/notification';
import { expressRoutes } from '@salle/http';
import { createLogger } from '@salle/runtime';
import { notificationConfig } from './config';
import { notificationService } from './notification-service';

describe('notification operation table', () => {
  it('is exactly what the service mounts, each operation once', () => {
    const app = express();
    const service = notificationService(
      notificationConfig.parse({ DATABASE_URL: 'postgres://127.0.0.1/unused' }),
      createLogger({ service: 'notification', level: 'silent' }),
    );
    // Mounting routes reads no data: a stand-in DataSource is enough to list them.
    const deps = { dataSource: {} as DataSource } as never;
    service.rawRoutes?.(app, deps);
    service.routes(app, deps);
    const described = Object.values({ ...notificationOperations, ...serviceAuditOperations }).map(
      (operation) => `${operation.method.toUpperCase()} ${operation.path}`,
    );
    expect(new Set(described).size).toBe(described.length);
    expect(expressRoutes(app).sort()).toEqual([...described].sort());
  });
});
