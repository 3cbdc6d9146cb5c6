/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ConventionSigningView } from '@salle/contracts';
import { renderScreen, typeIntoField } from '../../testing/render-screen';
import { ConventionPanel } from './convention-panel';

const BOOKING = '33333333-3333-4333-8333-333333333333';
const SHA = 'a'.repeat(64);
const waiting: ConventionSigningView = {
  status: 'signing',
  document: 'convention',
  schoolYear: null,
  nextStep: 'organisation',
  canSign: true,
  documentSha256: SHA,
  signatures: [],
  sealedSha256: null,
  evidenceSha256: null,
  paper: null,
  canRecordPaper: false,
};
const signedByOwner: ConventionSigningView = {
  ...waiting,
  nextStep: 'establishment',
  canSign: false,
  signatures: [
    {
      step: 'organisation',
      displayName: 'Angela Dubois',
      method: 'franceconnect',
      assuranceLevel: 'eidas1',
      documentSha256: SHA,
      signedAt: '2026-12-06T10:00:00.000Z',
    },
  ],
};
let current: ConventionSigningView = waiting;
let framework: ConventionSigningView = waiting;
const sign = jest.fn();
const signFramework = jest.fn();
const recordPaper = jest.fn();
jest.mock('../../api/paper-convention-api', () => ({
  paperConventionApi: { record: (...args: unknown[]) => recordPaper(...args) },
}));
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    conventionUrl: () => '/convention.pdf',
  },
}));
jest.mock('../../api/follow-up-api', () => ({
  followUpApi: {
    conventionSigning: async () => current,
    signConvention: (...args: unknown[]) => sign(...args),
    signedConventionUrl: () => '/convention-signee.pdf',
    conventionEvidenceUrl: () => '/preuve.json',
    frameworkSigning: async () => framework,
    signFramework: (...args: unknown[]) => signFramework(...args),
    frameworkUrl: () => '/convention-cadre.pdf',
    signedFrameworkUrl: () => '/convention-cadre-signee.pdf',
    frameworkEvidenceUrl: () => '/preuve-cadre.json',
    paperScanUrl: (_id: string, part: string) => `/numerisation-${part}`,
  },
}));

describe('ConventionPanel', () => {
  beforeEach(() => {
    current = waiting;
    framework = waiting;
    sign.mockReset();
    signFramework.mockReset();
    recordPaper.mockReset();
  });

  it('asks for the explicit consent, signs the document read, then shows the signature and moves the focus to the outcome', async () => {
    sign.mockImplementation(async () => {
      current = signedByOwner;
      return current;
    });
    renderScreen(<ConventionPanel bookingId={BOOKING} />);
    expect((await screen.findByRole('link', { name: 'Lire la convention (PDF)' })).getAttribute('href')).toBe(
      '/convention.pdf',
    );
    expect(screen.getByText('En attente de la signature pour l’organisation.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Signer la convention' }));
    expect(await screen.findByText('Cochez cette case pour signer.')).toBeTruthy();
    expect(sign).not.toHaveBeenCalled();
    fireEvent.click(screen.getByLabelText('J’ai lu la convention et j’accepte de la signer'));
    fireEvent.click(screen.getByRole('button', { name: 'Signer la convention' }));
    await waitFor(() => expect(screen.getByText('En attente de la signature pour le collège.')).toBeTruthy());
    expect(sign).toHaveBeenCalledWith(BOOKING, SHA);
    expect(screen.getByRole('list', { name: 'Signatures' }).textContent).toMatch(
      /Pour l’organisation, Angela Dubois, le .* \(FranceConnect, eidas1\)/,
    );
    expect(screen.queryByRole('button', { name: 'Signer la convention' })).toBeNull();
    await waitFor(() =>
      expect(document.activeElement?.textContent).toBe('En attente de la signature pour le collège.'),
    );
  });

  it('offers the sealed document and its evidence once signed by all', async () => {
    current = { ...signedByOwner, status: 'signed', nextStep: null, sealedSha256: 'b'.repeat(64) };
    renderScreen(<ConventionPanel bookingId={BOOKING} />);
    expect(await screen.findByText('Convention signée par toutes les parties.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Convention signée (PDF)' }).getAttribute('href')).toBe(
      '/convention-signee.pdf',
    );
    expect(screen.getByRole('link', { name: 'Fichier de preuve (JSON)' })).toBeTruthy();
  });

  it('labels the draft of a refused, expired or cancelled request as without value, and shows nothing when off', async () => {
    current = { ...waiting, status: 'draft', nextStep: null, canSign: false, documentSha256: null };
    const { unmount } = renderScreen(<ConventionPanel bookingId={BOOKING} />);
    expect(await screen.findByText('Projet non signé — sans valeur.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Signer la convention' })).toBeNull();
    unmount();
    current = { ...waiting, status: 'off', nextStep: null, canSign: false, documentSha256: null };
    renderScreen(<ConventionPanel bookingId={BOOKING} />);
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Convention' })).toBeNull());
  });

  it('shows the framework convention with its year and the annex, each with its state, signature and downloads', async () => {
    current = { ...signedByOwner, document: 'annex', schoolYear: '2026-2027', status: 'signed', nextStep: null };
    framework = { ...waiting, document: 'framework', schoolYear: '2026-2027' };
    signFramework.mockImplementation(async () => {
      framework = { ...signedByOwner, document: 'framework', schoolYear: '2026-2027' };
      return framework;
    });
    renderScreen(<ConventionPanel bookingId={BOOKING} />);
    const frameworkSection = await screen.findByRole('region', {
      name: 'Convention-cadre de l’année scolaire 2026-2027',
    });
    expect(frameworkSection.textContent).toContain('En attente de la signature pour l’organisation.');
    expect(screen.getByRole('link', { name: 'Lire la convention-cadre (PDF)' }).getAttribute('href')).toBe(
      '/convention-cadre.pdf',
    );
    const annexSection = screen.getByRole('region', { name: 'Annexe de la réservation' });
    expect(annexSection.textContent).toContain('Annexe signée par toutes les parties.');
    expect(screen.getByRole('link', { name: 'Annexe signée (PDF)' }).getAttribute('href')).toBe(
      '/convention-signee.pdf',
    );
    expect(screen.getByRole('link', { name: 'Fichier de preuve de l’annexe (JSON)' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Signer l’annexe' })).toBeNull();

    fireEvent.click(screen.getByLabelText('J’ai lu la convention et j’accepte de la signer'));
    fireEvent.click(screen.getByRole('button', { name: 'Signer la convention-cadre' }));
    await waitFor(() => expect(frameworkSection.textContent).toContain('En attente de la signature pour le collège.'));
    expect(signFramework).toHaveBeenCalledWith(BOOKING, SHA);
    expect(sign).not.toHaveBeenCalled();
    expect(screen.getByRole('list', { name: 'Signatures de la convention-cadre' }).textContent).toContain(
      'Angela Dubois',
    );
  });

  const onPaper: ConventionSigningView = {
    ...signedByOwner,
    status: 'signed',
    nextStep: null,
    paper: {
      signedOn: '2026-12-05',
      signatories: 'A. Dubois, C. Principal',
      recordedAt: '2026-12-09T10:00:00.000Z',
      sha256: 'c'.repeat(64),
      contentType: 'image/jpeg',
    },
  };

  it('shows a convention signed on paper with the date and its scan, instead of signing or the sealed PDF', async () => {
    current = onPaper;
    renderScreen(<ConventionPanel bookingId={BOOKING} />);
    expect(await screen.findByText(/^Convention signée sur papier le .*5.*décembre 2026\.$/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Convention signée, numérisée (JPEG)' }).getAttribute('href')).toBe(
      '/numerisation-own',
    );
    expect(screen.getByText(/Signataires indiqués sur le papier.*A\. Dubois, C\. Principal/)).toBeTruthy();
    // The online signatures made before stay listed; nothing more is signed, no sealed PDF is offered.
    expect(screen.getByRole('list', { name: 'Signatures' }).textContent).toContain('Angela Dubois');
    expect(screen.queryByRole('button', { name: 'Signer la convention' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Convention signée (PDF)' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Convention signée sur papier' })).toBeNull();
  });

  it('offers the collège « Convention signée sur papier », checks the form, sends the scan and shows the outcome', async () => {
    current = { ...waiting, canSign: false, canRecordPaper: true };
    recordPaper.mockImplementation(async () => {
      current = onPaper;
      return current;
    });
    renderScreen(<ConventionPanel bookingId={BOOKING} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Convention signée sur papier' }));
    // The form is its own module, fetched now.
    const submit = await screen.findByRole('button', { name: 'Enregistrer la signature sur papier' });
    fireEvent.click(submit);
    expect((await screen.findAllByText(/Choisissez le fichier numérisé/i)).length).toBeGreaterThan(0);
    const file = new File(['%PDF-1.7'], 'convention signée.pdf', { type: 'application/pdf' });
    fireEvent.change(screen.getByLabelText(/^Numérisation/), { target: { files: [file] } });
    fireEvent.click(submit);
    expect((await screen.findAllByText(/Indiquez la date de signature/i)).length).toBeGreaterThan(0);
    expect(recordPaper).not.toHaveBeenCalled();
    typeIntoField('Date de signature', '02112026');
    fireEvent.change(screen.getByLabelText(/^Signataires/), { target: { value: ' A. Dubois, C. Principal ' } });
    fireEvent.click(submit);
    await waitFor(() =>
      expect(recordPaper).toHaveBeenCalledWith(
        BOOKING,
        { fileName: 'convention signée.pdf', signedOn: '2026-11-02', signatories: 'A. Dubois, C. Principal' },
        file,
      ),
    );
    expect(await screen.findByText(/^Convention signée sur papier le /)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Enregistrer la signature sur papier' })).toBeNull();
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(/^Convention signée sur papier le /));
  });

  it('shows the service’s refusal of the scan in French and keeps the form', async () => {
    current = { ...waiting, canSign: false, canRecordPaper: true };
    const { ApiError } = await import('../../api/api-error');
    recordPaper.mockRejectedValue(
      new ApiError({
        title:
          'Ce fichier n’est pas au format PDF, JPEG ou PNG\u00a0: son contenu ne correspond à aucun de ces formats.',
        status: 422,
        code: 'file_type_refused',
      }),
    );
    renderScreen(<ConventionPanel bookingId={BOOKING} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Convention signée sur papier' }));
    await screen.findByRole('button', { name: 'Enregistrer la signature sur papier' });
    fireEvent.change(screen.getByLabelText(/^Numérisation/), {
      target: { files: [new File(['MZ'], 'programme.pdf', { type: 'application/pdf' })] },
    });
    typeIntoField('Date de signature', '02112026');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la signature sur papier' }));
    expect((await screen.findAllByText(/n’est pas au format PDF, JPEG ou PNG/)).length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Enregistrer la signature sur papier' })).toBeTruthy();
  });

  it('offers the framework’s paper record on the framework, recording that part', async () => {
    current = { ...waiting, document: 'annex', schoolYear: '2026-2027' };
    framework = { ...waiting, document: 'framework', schoolYear: '2026-2027', canSign: false, canRecordPaper: true };
    recordPaper.mockImplementation(async () => framework);
    renderScreen(<ConventionPanel bookingId={BOOKING} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Convention-cadre signée sur papier' }));
    await screen.findByRole('button', { name: 'Enregistrer la signature sur papier' });
    const file = new File(['%PDF-1.7'], 'cadre.pdf', { type: 'application/pdf' });
    fireEvent.change(screen.getByLabelText(/^Numérisation/), { target: { files: [file] } });
    typeIntoField('Date de signature', '02112026');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la signature sur papier' }));
    await waitFor(() =>
      expect(recordPaper).toHaveBeenCalledWith(
        BOOKING,
        { fileName: 'cadre.pdf', signedOn: '2026-11-02', part: 'framework' },
        file,
      ),
    );
  });
});
