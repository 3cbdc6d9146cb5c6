import { Router, type Response } from 'express';
import type { DataSource } from 'typeorm';
import {
  approveBookingSchema,
  bookingQuerySchema,
  cancelBookingSchema,
  refuseBookingSchema,
  requestBookingSchema,
  uuidSchema,
} from '@salle/contracts';
import { parseRequest } from '@salle/http';
import { accessOf } from '../access/access-middleware';
import type { BookingDesk } from './booking-desk';

const id = (value: unknown) => parseRequest(uuidSchema, value, 'params');
const requestIdOf = (res: Response) => res.locals['requestId'] as string | undefined;

export function bookingRoutes(dataSource: DataSource, desk: BookingDesk): Router {
  const router = Router();
  const access = (res: Response) => accessOf(res, dataSource);

  router.post('/bookings', async (req, res) => {
    const body = parseRequest(requestBookingSchema, req.body);
    res.status(201).json(await desk.request(body, await access(res), requestIdOf(res)));
  });
  router.get('/bookings', async (req, res) => {
    res.json(await desk.list(parseRequest(bookingQuerySchema, req.query, 'query'), await access(res)));
  });
  router.get('/bookings/:id', async (req, res) => {
    res.json(await desk.get(id(req.params['id']), await access(res)));
  });
  router.post('/bookings/:id/approve', async (req, res) => {
    const { message } = parseRequest(approveBookingSchema, req.body);
    res.json(await desk.act(id(req.params['id']), 'approve', await access(res), { message, requestId: requestIdOf(res) }));
  });
  router.post('/bookings/:id/refuse', async (req, res) => {
    const { reason } = parseRequest(refuseBookingSchema, req.body);
    res.json(await desk.act(id(req.params['id']), 'refuse', await access(res), { reason, requestId: requestIdOf(res) }));
  });
  router.post('/bookings/:id/cancel', async (req, res) => {
    const { reason } = parseRequest(cancelBookingSchema, req.body);
    res.json(await desk.act(id(req.params['id']), 'cancel', await access(res), { reason, requestId: requestIdOf(res) }));
  });
  return router;
}
