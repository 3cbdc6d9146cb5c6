/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { meFor, renderScreen } from '../../testing/render-screen';
import { ErasureRequest } from './erasure-request';

const requestErasure = jest.fn();
const fetchRetentionPeriods = jest.fn();
jest.mock('../../api/personal-data-api', () => ({
  requestErasure: () => requestErasure(),
  fetchRetentionPeriods: () => fetchRetentionPeriods(),
}));

describe('ErasureRequest', () => {
  beforeEach(() => {
    requestErasure.mockReset();
    fetchRetentionPeriods.mockReset();
    fetchRetentionPeriods.mockReturnValue(new Promise(() => undefined));
  });

  it('says what the law keeps and why, with this deployment’s periods', async () => {
    fetchRetentionPeriods.mockResolvedValue({
      PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS: 10,
      BOOKING_CONVENTION_DELETE_AFTER_YEARS: 6,
    });
    const { container } = renderScreen(<ErasureRequest />, meFor());
    await screen.findByText(/jusqu’à 6\sans après la dernière séance/);
    const kept = [...container.querySelectorAll('li')].map((item) => item.textContent);
    expect(kept).toEqual([
      expect.stringMatching(/^les pièces comptables .*sans votre nom, 10\u00a0ans \(obligation comptable/),
      expect.stringMatching(/^les conventions que vous avez signées, avec votre nom .*\(preuve du contrat/),
    ]);
  });

  it('asks for confirmation, records the request and tells its deadline', async () => {
    requestErasure.mockResolvedValue({
      id: '5f7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b01',
      accountId: '0c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a11',
      requestedAt: '2026-12-06T13:00:00.000Z',
      deadlineAt: '2027-01-06T13:00:00.000Z',
      executedAt: null,
      report: null,
    });
    jest.spyOn(window, 'confirm').mockReturnValue(true);
    renderScreen(<ErasureRequest />, meFor());
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer mon compte' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toMatch(
      /enregistrée le dimanche 6 décembre 2026.*au plus tard le mercredi 6 janvier 2027/,
    );
    expect(requestErasure).toHaveBeenCalledTimes(1);
  });

  it('sends nothing when the person changes their mind', () => {
    jest.spyOn(window, 'confirm').mockReturnValue(false);
    renderScreen(<ErasureRequest />, meFor());
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer mon compte' }));
    expect(requestErasure).not.toHaveBeenCalled();
  });
});
