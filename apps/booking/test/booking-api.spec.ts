import express from 'express';
import type { DataSource } from 'typeorm';
import { bookingOperations, serviceAuditOperations } from '@salle/contracts';
import { bookingConfig } from '../src/config';
import { expressRoutes } from '@salle/http';
import { createLogger } from '@salle/runtime';
import { bookingService } from '../src/booking-service';
import { startBookingTestService, type BookingTestService } from './booking-test-service';

describe('published API description', () => {
  it('describes exactly the routes the service mounts', () => {
    const app = express();
    const config = bookingConfig.parse({
      DATABASE_URL: 'postgres://127.0.0.1/unused',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    // Mounting routes reads no data: a stand-in DataSource is enough to list them.
    const service = bookingService(config, createLogger({ service: 'booking', level: 'silent' }));
    const deps = { dataSource: {} as DataSource } as never;
    service.rawRoutes?.(app, deps);
    service.routes(app, deps);
    const mounted = expressRoutes(app).filter(
      (route) => !['GET /healthz', 'GET /readyz', 'GET /metrics'].includes(route),
    );
    // The audit log is mounted beside the booking table (kept off the web's first-page route list).
    const described = Object.values({ ...bookingOperations, ...serviceAuditOperations }).map(
      (operation) => `${operation.method.toUpperCase()} ${operation.path}`,
    );
    expect(new Set(described).size).toBe(described.length);
    expect([...mounted].sort()).toEqual([...described].sort());
  });

  it('names every path parameter of every described path', () => {
    for (const operation of Object.values(bookingOperations)) {
      const names = [...operation.path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]);
      expect({
        path: operation.path,
        params: Object.keys('params' in operation ? operation.params.shape : {}).sort(),
      }).toEqual({ path: operation.path, params: names.sort() });
    }
  });

  describe('over HTTP', () => {
    let api: BookingTestService;
    beforeAll(async () => {
      api = await startBookingTestService('openapi');
    });
    afterAll(async () => {
      await api?.stop();
    });

    it('serves an OpenAPI 3.1 document to visitors, with the contracts schemas and problem answers', async () => {
      const response = await api.visitor.get<{
        openapi: string;
        paths: Record<
          string,
          Record<
            string,
            {
              parameters?: { name: string; in: string; required: boolean }[];
              requestBody?: unknown;
              responses: Record<string, { content?: Record<string, unknown> }>;
            }
          >
        >;
        components: { schemas: Record<string, unknown> };
      }>('/openapi.json');
      expect(response.status).toBe(200);
      expect(response.body.openapi).toBe('3.1.0');
      const search = response.body.paths['/search']?.['get'];
      expect(search?.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'from', in: 'query', required: true })]),
      );
      expect(search?.responses['400']?.content).toHaveProperty(['application/problem+json']);
      const approve = response.body.paths['/bookings/{id}/approve']?.['post'];
      expect(approve?.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
      expect(approve?.requestBody).toBeDefined();
      expect(Object.keys(approve?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '404', '409']);
      expect(response.body.components.schemas).toHaveProperty('Problem');
    });
  });
});
