import { z } from 'zod';

/** The official register's record of an organisation, as the admin's check reads it. */
export interface RegisteredOrganisation {
  siren: string;
  rna: string | null;
  name: string;
  address: string;
  postalCode: string;
  communeName: string;
  legalCategory: string;
  activityCode: string;
  active: boolean;
  isAssociation: boolean;
}

// The fields of « Recherche d'entreprises »' `GET /search` this adapter reads; the API sends many more.
const resultSchema = z.looseObject({
  siren: z.string(),
  nom_complet: z.string(),
  nature_juridique: z.string().nullable().optional(),
  activite_principale: z.string().nullable().optional(),
  etat_administratif: z.string(),
  siege: z.looseObject({
    adresse: z.string().nullable().optional(),
    code_postal: z.string().nullable().optional(),
    libelle_commune: z.string().nullable().optional(),
  }),
  complements: z
    .looseObject({
      est_association: z.boolean().nullable().optional(),
      identifiant_association: z.string().nullable().optional(),
    })
    .optional(),
});
const answerSchema = z.looseObject({ results: z.array(resultSchema) });

/** The register did not answer, or not as documented: the admin is told, nothing is decided. */
export class RegisterUnavailable extends Error {
  constructor(reason: string) {
    super(`register search unavailable: ${reason}`);
  }
}

/**
 * The adapter to the State's public company and association search
 * (`https://recherche-entreprises.api.gouv.fr`, no key; the registry-sandbox
 * answers the same way in development and tests). One search by number; the
 * result kept is the one whose SIREN or RNA is exactly the number asked.
 */
export class RegisterSearch {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 5_000,
  ) {}

  async find(number: { rna: string | null; siren: string | null }): Promise<RegisteredOrganisation | null> {
    const q = number.rna ?? number.siren;
    if (!q) return null;
    const url = new URL('/search', this.baseUrl);
    url.search = new URLSearchParams({ q, page: '1', per_page: '5' }).toString();
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new RegisterUnavailable(error instanceof Error ? error.name : 'network error');
    }
    if (!response.ok) throw new RegisterUnavailable(`HTTP ${response.status}`);
    const parsed = answerSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new RegisterUnavailable('unexpected answer');
    const match = parsed.data.results.find((result) =>
      number.rna ? result.complements?.identifiant_association === number.rna : result.siren === number.siren,
    );
    return match ? toRegistered(match) : null;
  }
}

function toRegistered(result: z.infer<typeof resultSchema>): RegisteredOrganisation {
  return {
    siren: result.siren,
    rna: result.complements?.identifiant_association ?? null,
    name: result.nom_complet,
    address: result.siege.adresse ?? '',
    postalCode: result.siege.code_postal ?? '',
    communeName: result.siege.libelle_commune ?? '',
    legalCategory: result.nature_juridique ?? '',
    activityCode: result.activite_principale ?? '',
    active: result.etat_administratif === 'A',
    isAssociation: result.complements?.est_association ?? false,
  };
}
