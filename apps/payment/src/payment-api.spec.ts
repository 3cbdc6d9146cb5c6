import express from 'express';
import type { DataSource } from 'typeorm';
import { payerContactOperations, paymentOperations, serviceAuditOperations } from '@salle/contracts';
import { expressRoutes } from '@salle/http';
import { createLogger } from '@salle/runtime';
import { paymentConfig } from './config';
import { paymentService } from './payment-service';

describe('payment operation table', () => {
  it('is exactly what the service mounts, the raw webhook included, each operation once', () => {
    const app = express();
    const service = paymentService(
      paymentConfig.parse({ DATABASE_URL: 'postgres://127.0.0.1/unused' }),
      createLogger({ service: 'payment', level: 'silent' }),
    );
    // Mounting routes reads no data: a stand-in DataSource is enough to list them.
    const deps = { dataSource: {} as DataSource } as never;
    service.rawRoutes?.(app, deps);
    service.routes(app, deps);
    const described = Object.values({ ...paymentOperations, ...payerContactOperations, ...serviceAuditOperations }).map(
      (operation) => `${operation.method.toUpperCase()} ${operation.path}`,
    );
    expect(new Set(described).size).toBe(described.length);
    expect(expressRoutes(app).sort()).toEqual([...described].sort());
  });
});
