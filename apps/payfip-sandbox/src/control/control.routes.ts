import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { parseRequest } from '@salle/http';
import { PAYER_CHOICES, type Operation } from '../engine/operations';
import { payfipDateTime } from '../engine/paris-time';
import { PayfipFault } from '../engine/payfip-fault';
import { settlementReport } from '../engine/settlement-report';
import { notificationSettingsSchema } from '../notify/notifier';
import type { SandboxParts } from '../sandbox-parts';

const payBodySchema = z.strictObject({ choice: z.enum(PAYER_CHOICES) });
const clockBodySchema = z
  .strictObject({
    advanceMs: z.number().int().min(0).optional(),
    advanceDays: z.number().min(0).max(366).optional(),
  })
  .refine((body) => body.advanceMs !== undefined || body.advanceDays !== undefined, 'advanceMs or advanceDays');
const reportQuerySchema = z.strictObject({
  numcli: z.string().regex(/^\d{6}$/),
  date: z
    .string()
    .regex(/^\d{8}$/)
    .optional(),
});
const faultsBodySchema = z.strictObject({
  technical: z.enum(['TechIndisponibiliteErreur', 'TechDysfonctionnementErreur']).nullable().optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
});

function view(operation: Operation) {
  const { idOp, request, createdAt, debit, result } = operation;
  return {
    idOp,
    numcli: request.numcli,
    refdet: request.refdet,
    montant: request.montant,
    saisie: request.saisie,
    createdAt: new Date(createdAt).toISOString(),
    debitSettlesAt: debit ? new Date(debit.settlesAt).toISOString() : null,
    resultrans: result?.resultrans ?? null,
  };
}

/** `/_sandbox/*`: what a tester does on the page, the simulated clock and the fault switches, as JSON. */
export function controlRoutes(parts: SandboxParts): Router {
  const router = Router();
  router.get('/operations', (_req, res) => {
    res.json({ items: parts.operations.list().map(view) });
  });
  router.post('/operations/:idOp/pay', (req, res) => {
    const { choice } = parseRequest(payBodySchema, req.body);
    res.json(view(parts.pay(String(req.params['idOp']), choice)));
  });
  // A replay: the notification is sent again whatever the mode, as an attacker or a retrying service would.
  router.post('/operations/:idOp/notify', (req, res) => {
    const operation = parts.operations.get(String(req.params['idOp']));
    if (!operation) return res.status(404).json({ code: 'P1', libelle: 'IdOp incorrect' });
    res.status(202).json(parts.notifier.notify(operation.idOp, operation.request.urlnotif, true));
  });

  router.get('/notifications', (_req, res) => {
    res.json({ settings: parts.notifier.settings, log: parts.notifier.log });
  });
  router.put('/notifications', (req, res) => {
    res.json(parts.notifier.update(parseRequest(notificationSettingsSchema, req.body)));
  });
  router.delete('/notifications', (_req, res) => {
    res.json(parts.notifier.reset());
  });

  router.get('/clock', (_req, res) => {
    res.json({ now: new Date(parts.clock.now()).toISOString(), offsetMs: parts.clock.offset });
  });
  router.post('/clock', (req, res) => {
    const body = parseRequest(clockBodySchema, req.body);
    const settled = parts.advanceClock((body.advanceMs ?? 0) + Math.round((body.advanceDays ?? 0) * 86_400_000));
    res.json({ now: new Date(parts.clock.now()).toISOString(), settled: settled.map(view) });
  });

  // The day's settlement report of one creditor (date DDMMYYYY, Paris time; today on the simulated clock by default).
  router.get('/compte-rendu.csv', (req, res) => {
    const query = parseRequest(reportQuerySchema, req.query, 'query');
    const date = query.date ?? payfipDateTime(parts.clock.now()).dattrans;
    res.type('text/csv; charset=utf-8').send(settlementReport(parts.operations.list(), query.numcli, date));
  });

  router.get('/faults', (_req, res) => {
    res.json(parts.faults);
  });
  router.put('/faults', (req, res) => {
    const body = parseRequest(faultsBodySchema, req.body);
    if (body.technical !== undefined) parts.faults.technical = body.technical;
    if (body.delayMs !== undefined) parts.faults.delayMs = body.delayMs;
    res.json(parts.faults);
  });
  router.delete('/faults', (_req, res) => {
    parts.faults.technical = null;
    parts.faults.delayMs = 0;
    res.json(parts.faults);
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof PayfipFault) return res.status(409).json({ code: error.code, libelle: error.libelle });
    next(error);
  });
  return router;
}
