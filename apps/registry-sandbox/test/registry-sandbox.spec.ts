import { startRegistrySandbox, type RegistrySandbox } from '../src';

describe('registry sandbox: « Recherche d’entreprises » on loopback', () => {
  let sandbox: RegistrySandbox;
  beforeAll(async () => {
    sandbox = await startRegistrySandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.faults.failWith = null;
  });

  const search = async (query: string) => {
    const response = await fetch(`${sandbox.url}/search?${query}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('finds an association by its RNA number, its SIREN or its SIRET, written with spaces, as the real API shapes it', async () => {
    for (const q of ['W381000123', 'w 381 000 123', '999 900 012', '99990001200017']) {
      const { status, body } = await search(`q=${encodeURIComponent(q)}&per_page=1`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ total_results: 1, page: 1, per_page: 1, total_pages: 1 });
      expect((body['results'] as unknown[])[0]).toMatchObject({
        siren: '999900012',
        nom_complet: 'BASKET CLUB DU GRESIVAUDAN',
        nature_juridique: '9220',
        activite_principale: '93.12Z',
        etat_administratif: 'A',
        siege: { siret: '99990001200017', code_postal: '38580', libelle_commune: 'ALLEVARD' },
        complements: { est_association: true, identifiant_association: 'W381000123' },
        matching_etablissements: [],
      });
    }
  });

  it('finds nothing for an unknown number, and by words of the name otherwise', async () => {
    expect((await search('q=W381000124')).body).toMatchObject({ results: [], total_results: 0 });
    expect((await search('q=999900013')).body).toMatchObject({ results: [], total_results: 0 });
    const byName = await search('q=chorale%20vienne');
    expect(byName.body['results']).toEqual([expect.objectContaining({ siren: '999900020', etat_administratif: 'C' })]);
  });

  it('refuses a query under 3 characters with a French error, as the real API does, and fails on demand', async () => {
    expect(await search('q=ab')).toMatchObject({
      status: 400,
      body: { erreur: expect.stringContaining('3 caractères') },
    });
    await fetch(`${sandbox.url}/sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failWith: 503 }),
    });
    expect((await search('q=W381000123')).status).toBe(503);
  });
});
