/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { meFor, renderScreen } from '../../testing/render-screen';
import { ErasureRequest } from './erasure-request';

const requestErasure = jest.fn();
jest.mock('../../api/personal-data-api', () => ({ requestErasure: () => requestErasure() }));

describe('ErasureRequest', () => {
  beforeEach(() => requestErasure.mockReset());

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
