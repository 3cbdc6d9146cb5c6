/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { meFor, renderScreen } from '../../testing/render-screen';
import { NotificationSettings } from './notification-settings';

const myDigest = jest.fn();
const saveMyDigest = jest.fn();
jest.mock('../../api/notification-api', () => ({
  myPreferences: () =>
    Promise.resolve({ contacts: { email: 'julien@college.example.fr', phone: null, smsConsent: false }, items: [] }),
  myDigest: () => myDigest(),
  saveMyDigest: (daily: boolean) => saveMyDigest(daily),
  saveMyChoice: jest.fn(),
  saveMyPhone: jest.fn(),
}));

const establishment = {
  id: '5f7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b01',
  name: 'Collège Flavius Vaussenat',
  uai: '0380002W',
};

describe('NotificationSettings, the daily digest', () => {
  beforeEach(() => {
    myDigest.mockReset().mockResolvedValue({ daily: false, hour: 8 });
    saveMyDigest.mockReset().mockResolvedValue({ daily: true, hour: 8 });
  });

  it('offers a collège manager the daily digest instead of one e-mail per request, and saves the choice', async () => {
    const me = meFor({ account: { provider: 'proconnect' }, establishments: [establishment] });
    renderScreen(<NotificationSettings />, me);
    const box = await screen.findByLabelText(/récapitulatif quotidien des demandes/);
    expect(screen.getByText(/Chaque jour à partir de 8\sh,/)).toBeTruthy();
    fireEvent.click(box);
    await waitFor(() => expect(saveMyDigest).toHaveBeenCalledWith(true));
    await waitFor(() => expect((box as HTMLInputElement).checked).toBe(true));
  });

  it('does not offer it to someone who manages no collège', async () => {
    renderScreen(<NotificationSettings />, meFor());
    await screen.findByText(/Messages que je reçois/);
    expect(screen.queryByLabelText(/récapitulatif quotidien/)).toBeNull();
    expect(myDigest).not.toHaveBeenCalled();
  });
});
