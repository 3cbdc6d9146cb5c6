/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { meFor, renderScreen } from '../../testing/render-screen';
import { VerifyConventionPage } from './verify-convention-page';

/** What fetch answers, as much of a Response as the client reads (jsdom has no Response). */
function answer(status: number, body: unknown, contentType = 'application/json'): Response {
  const text = JSON.stringify(body);
  return {
    ok: status < 400,
    status,
    headers: new Map([['content-type', contentType]]),
    json: async () => JSON.parse(text),
    text: async () => text,
  } as unknown as Response;
}

let calls: { url: string; init: RequestInit }[] = [];
let answers: Response[] = [];

beforeEach(() => {
  calls = [];
  answers = [];
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error(`unexpected call ${url}`);
    return next;
  }) as typeof fetch;
});

const hash = 'ab'.repeat(32);

function verify(file: File) {
  fireEvent.change(screen.getByLabelText(/^Convention \(PDF\)/), { target: { files: [file] } });
  fireEvent.click(screen.getByRole('button', { name: 'Vérifier' }));
}

describe('VerifyConventionPage', () => {
  it('sends the PDF as it is and shows a valid seal with its signers and the hash', async () => {
    renderScreen(<VerifyConventionPage />, meFor());
    answers.push(
      answer(200, {
        valid: true,
        signedBy: 'Sceau de la plateforme',
        signedAt: '2026-11-04T08:31:00.000Z',
        documentSha256: hash,
        evidence: {
          conventionId: 'c0ffee00-0000-4000-8000-000000000001',
          reference: 'CONV-2026-0001',
          templateVersion: 1,
          consent: { version: '1', text: 'J’ai lu la convention et j’accepte de la signer.' },
          documentSha256: hash,
          signers: [
            {
              step: 'organisation',
              name: 'Camille Martin',
              method: 'franceconnect',
              assuranceLevel: null,
              signedAt: '2026-11-02T09:15:00.000Z',
              documentSha256: hash,
            },
          ],
          completedAt: '2026-11-04T08:30:00.000Z',
        },
      }),
    );
    const file = new File(['%PDF-1.7'], 'convention.pdf', { type: 'application/pdf' });
    verify(file);
    expect(await screen.findByRole('heading', { name: 'Sceau valide' })).toBeTruthy();
    expect(screen.getByText(hash)).toBeTruthy();
    expect(screen.getByText(/Camille Martin/)).toBeTruthy();
    expect(new URL(calls[0]?.url ?? '', 'http://localhost').pathname).toBe('/api/booking/convention-verification');
    expect(calls[0]?.init.body).toBe(file);
  });

  it('shows an invalid seal with the French reason', async () => {
    renderScreen(<VerifyConventionPage />, meFor());
    answers.push(
      answer(200, {
        valid: false,
        signedBy: null,
        signedAt: null,
        documentSha256: hash,
        evidence: null,
        reason: 'digest_mismatch',
        message: 'Le contenu du document a été modifié après son scellement.',
      }),
    );
    verify(new File(['%PDF-1.7'], 'convention.pdf', { type: 'application/pdf' }));
    expect(await screen.findByRole('heading', { name: 'Sceau invalide' })).toBeTruthy();
    expect(screen.getByText('Le contenu du document a été modifié après son scellement.')).toBeTruthy();
  });

  it('asks for a file before sending anything', async () => {
    renderScreen(<VerifyConventionPage />, meFor());
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier' }));
    expect((await screen.findAllByText(/choisissez le fichier PDF de la convention/i)).length).toBeGreaterThan(0);
    expect(calls).toHaveLength(0);
  });
});
