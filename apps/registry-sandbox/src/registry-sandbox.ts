import type { Request, Response } from 'express';
import { z } from 'zod';
import { createHttpApp, startHttpServer } from '@salle/http';
import { createLogger, warningBanner, type Logger } from '@salle/runtime';
import { searchRecords } from './register-records';

export interface RegistrySandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 3011; 0 picks a free one (tests). */
  port?: number;
  logger?: Logger;
}

/** What the API does while a test asks it to misbehave. */
export interface RegistryFaults {
  /** Answer every search with this HTTP status (e.g. 503, 429); null answers normally. */
  failWith: number | null;
}

export interface RegistrySandbox {
  /** What the booking service calls: REGISTER_SEARCH_URL, as https://recherche-entreprises.api.gouv.fr for the real one. */
  url: string;
  faults: RegistryFaults;
  close(): Promise<void>;
}

export const SANDBOX_WARNING = warningBanner([
  'REGISTRY SANDBOX: FICTITIOUS ORGANISATIONS ONLY.',
  'It stands in for the State’s « Recherche d’entreprises » API with a few',
  'invented associations and companies. Development and tests only: a real',
  'deployment sets REGISTER_SEARCH_URL=https://recherche-entreprises.api.gouv.fr.',
]);

// The real API's parameters this stand-in reads; the others it takes (filters) are accepted and ignored.
const searchQuery = z.looseObject({
  q: z.string().trim().min(3),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  per_page: z.coerce.number().int().min(1).max(25).default(10),
});

function search(req: Request, res: Response, faults: RegistryFaults): void {
  if (faults.failWith !== null) {
    res.status(faults.failWith).json({ erreur: 'Service momentanément indisponible (bac à sable)' });
    return;
  }
  const parsed = searchQuery.safeParse(req.query);
  if (!parsed.success) {
    // The real API answers a missing or too short query with a 400 and a French `erreur`.
    res.status(400).json({ erreur: 'Veuillez indiquer au moins 3 caractères dans le paramètre q.' });
    return;
  }
  const { q, page, per_page: perPage } = parsed.data;
  const found = searchRecords(q);
  res.json({
    results: found
      .slice((page - 1) * perPage, page * perPage)
      .map((record) => ({ ...record, matching_etablissements: [] })),
    total_results: found.length,
    page,
    per_page: perPage,
    total_pages: Math.max(1, Math.ceil(found.length / perPage)),
  });
}

/** The stand-in: `GET /search`, as recherche-entreprises.api.gouv.fr answers it, over a fixed set of records. */
export async function startRegistrySandbox(options: RegistrySandboxOptions = {}): Promise<RegistrySandbox> {
  const logger = options.logger ?? createLogger({ service: 'registry-sandbox', level: 'silent' });
  const faults: RegistryFaults = { failWith: null };
  const app = createHttpApp({
    service: 'registry-sandbox',
    logger,
    routes: (app) => {
      app.get('/search', (req, res) => search(req, res, faults));
      // Tests turn failures on and off, as the sms-sandbox's faults do.
      app.put('/sandbox/faults', (req, res) => {
        const status = (req.body as { failWith?: unknown } | undefined)?.failWith;
        faults.failWith = typeof status === 'number' && status >= 400 && status < 600 ? status : null;
        res.json(faults);
      });
    },
  });
  const server = await startHttpServer(app, options.port ?? 3011, options.host ?? '127.0.0.1');
  return { url: server.url, faults, close: () => server.close(1_000) };
}
