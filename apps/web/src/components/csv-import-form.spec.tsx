/** @jest-environment jsdom */
import { act, fireEvent, screen } from '@testing-library/react';
import { ApiError } from '../api/api-error';
import { meFor, renderScreen } from '../testing/render-screen';
import { ImportForm } from './csv-import-form';

const importCsv = jest.fn();
jest.mock('../api/booking-api', () => ({
  bookingApi: { importCsv: (...args: unknown[]) => importCsv(...args) },
}));

const manager = meFor({ roles: ['establishment_manager'] });

function chooseFile(content: string) {
  const file = new File([content], 'tarifs.csv', { type: 'text/csv' });
  // jsdom's File has no arrayBuffer (nor TextEncoder): the form reads the bytes through it.
  Object.defineProperty(file, 'arrayBuffer', { value: async () => Uint8Array.from(Buffer.from(content)).buffer });
  fireEvent.change(screen.getByLabelText(/^Fichier CSV/), { target: { files: [file] } });
}

async function click(name: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
}

describe('ImportForm', () => {
  beforeEach(() => importCsv.mockReset());

  it('checks the tariffs file first, then imports it and says what changed, removals included', async () => {
    importCsv.mockResolvedValueOnce({
      kind: 'tariffs',
      dryRun: true,
      rows: 2,
      created: 1,
      updated: 1,
      unchanged: 0,
      removed: 1,
    });
    importCsv.mockResolvedValueOnce({
      kind: 'tariffs',
      dryRun: false,
      rows: 2,
      created: 1,
      updated: 1,
      unchanged: 0,
      removed: 1,
    });
    renderScreen(<ImportForm kind="tariffs" headingLevel={3} />, manager);
    expect(screen.getByRole('heading', { level: 3, name: 'Importer\u00a0: tarifs' })).toBeTruthy();
    chooseFile('uai;espace;categorie;tarif_horaire\n0380002W;Gymnase;association;12,50\n');
    await click('Vérifier le fichier');
    expect(importCsv).toHaveBeenLastCalledWith('tariffs', expect.any(Uint8Array), true, 'tarifs.csv');
    expect(screen.getByText(/rien n’est encore enregistré/)).toBeTruthy();
    expect(screen.getByText(/1 ajout\(s\), 1 modification\(s\), 0 inchangée\(s\), 1 suppression\(s\)/)).toBeTruthy();

    await click('Importer 2 lignes');
    expect(importCsv).toHaveBeenLastCalledWith('tariffs', expect.any(Uint8Array), false, 'tarifs.csv');
    expect(screen.getByText('Import terminé.')).toBeTruthy();
  });

  it('lists every wrong line of a refused opening rules file', async () => {
    importCsv.mockRejectedValue(
      new ApiError({
        title: 'Le fichier contient des erreurs\u00a0: rien n’a été importé.',
        status: 400,
        code: 'import_invalid',
        lineErrors: [
          { line: 2, field: 'jours', message: 'jour inconnu «\u00a0funday\u00a0»' },
          { line: 3, field: 'uai', message: 'vous ne gérez pas le collège de cet espace' },
        ],
        errorCount: 2,
      }),
    );
    renderScreen(<ImportForm kind="opening_rules" />, manager);
    chooseFile('espace_id;jours;debut;fin\n');
    await click('Vérifier le fichier');
    expect(screen.getByText(/^2 erreurs/)).toBeTruthy();
    const items = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toContain('Ligne 2, colonne «\u00a0jours\u00a0»\u00a0: jour inconnu «\u00a0funday\u00a0»');
    expect(items).toContain('Ligne 3, colonne «\u00a0uai\u00a0»\u00a0: vous ne gérez pas le collège de cet espace');
    expect(screen.queryByRole('button', { name: /^Importer/ })).toBeNull();
  });
});
