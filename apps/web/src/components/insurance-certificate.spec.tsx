/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { meFor, renderScreen, typeIntoField } from '../testing/render-screen';
import { InsuranceCertificatePanel, RequesterInsurance } from './insurance-certificate';

const ORG = '33333333-3333-4333-8333-333333333333';
const NBSP = '\u00a0';
const certificate = {
  id: '44444444-4444-4444-8444-444444444444',
  organisationId: ORG,
  insurer: 'MAIF',
  policyNumber: 'RC-2026-4471',
  expiresOn: '2099-08-31',
  fileName: 'attestation.pdf',
  contentType: 'application/pdf',
  sizeBytes: 12 * 1024,
  uploadedAt: '2026-12-06T10:00:00.000Z',
};
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
const problem = (status: number, code: string, title: string) =>
  answer(status, { type: 'about:blank', status, code, title }, 'application/problem+json');

let calls: { url: string; init: RequestInit }[] = [];
let answers: Response[] = [];

beforeEach(() => {
  calls = [];
  answers = [];
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected call ${url}`);
    return answer;
  }) as typeof fetch;
});

function chooseFile(file: File) {
  fireEvent.change(screen.getByLabelText(/^Fichier/), { target: { files: [file] } });
}

describe('InsuranceCertificatePanel', () => {
  it('says none was uploaded, then sends the file as it is with what it says, and shows it', async () => {
    answers.push(problem(404, 'insurance_certificate_not_found', 'Aucune attestation d’assurance n’a été déposée.'));
    renderScreen(<InsuranceCertificatePanel organisationId={ORG} isOwner />, meFor());
    expect(await screen.findByText('Aucune attestation d’assurance déposée.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Assureur'), { target: { value: ' MAIF ' } });
    fireEvent.change(screen.getByLabelText('Numéro de contrat'), { target: { value: 'RC-2026-4471' } });
    typeIntoField('Valable jusqu’au', '31082099');
    const file = new File(['%PDF-1.7 attestation'], 'attestation.pdf', { type: 'application/pdf' });
    chooseFile(file);
    answers.push(answer(201, certificate));
    fireEvent.click(screen.getByRole('button', { name: 'Déposer l’attestation' }));

    expect(await screen.findByText(/Attestation déposée/)).toBeTruthy();
    const upload = calls[1];
    const url = new URL(upload?.url ?? '', 'http://localhost');
    expect(upload?.init.method).toBe('POST');
    expect(url.pathname).toBe(`/api/booking/organisations/${ORG}/insurance-certificate`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      insurer: 'MAIF',
      policyNumber: 'RC-2026-4471',
      expiresOn: '2099-08-31',
      fileName: 'attestation.pdf',
    });
    expect((upload?.init.headers as Record<string, string>)['Content-Type']).toBe('application/octet-stream');
    expect((upload?.init.headers as Record<string, string>)['X-Requested-With']).toBe('fetch');
    expect(upload?.init.body).toBe(file);
    const link = screen.getByRole('link', { name: /Télécharger l’attestation/ });
    expect(link.getAttribute('href')).toBe(`/api/booking/organisations/${ORG}/insurance-certificate/file`);
    expect(link.textContent).toContain(`(PDF, 12${NBSP}ko)`);
  });

  it('refuses a file over 5 Mo before sending it, and shows the service’s French refusal of another', async () => {
    answers.push(problem(404, 'insurance_certificate_not_found', 'Aucune attestation d’assurance n’a été déposée.'));
    renderScreen(<InsuranceCertificatePanel organisationId={ORG} isOwner />, meFor());
    await screen.findByText('Aucune attestation d’assurance déposée.');
    chooseFile(new File([new Uint8Array(5 * 1024 * 1024 + 200 * 1024)], 'scan.pdf'));
    fireEvent.click(screen.getByRole('button', { name: 'Déposer l’attestation' }));
    const exactly = { normalizer: (text: string) => text };
    expect(
      await screen.findByText(`Le fichier pèse 5,2${NBSP}Mo${NBSP}; la limite est de 5${NBSP}Mo.`, exactly),
    ).toBeTruthy();
    expect(calls).toHaveLength(1);

    const refusal = `Ce fichier n’est pas au format PDF, JPEG ou PNG${NBSP}: son contenu ne correspond à aucun de ces formats, quel que soit son nom.`;
    answers.push(problem(422, 'file_type_refused', refusal));
    chooseFile(new File(['MZ'], 'programme.pdf'));
    fireEvent.click(screen.getByRole('button', { name: 'Déposer l’attestation' }));
    expect(await screen.findByText(refusal, exactly)).toBeTruthy();
  });

  it('shows members the certificate without the form', async () => {
    answers.push(answer(200, certificate));
    renderScreen(<InsuranceCertificatePanel organisationId={ORG} isOwner={false} />, meFor());
    expect(await screen.findByText(/MAIF, contrat RC-2026-4471/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Déposer l’attestation' })).toBeNull();
  });
});

describe('RequesterInsurance', () => {
  it('shows the managers the certificate of the organisation asking, with its download', async () => {
    answers.push(answer(200, certificate));
    renderScreen(<RequesterInsurance organisationId={ORG} />, meFor());
    await waitFor(() => expect(screen.getByRole('link', { name: /Télécharger l’attestation/ })).toBeTruthy());
    expect(calls[0]?.url).toBe(`/api/booking/organisations/${ORG}/insurance-certificate`);
  });
});
