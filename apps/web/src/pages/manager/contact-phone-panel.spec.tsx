/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { meFor, renderScreen } from '../../testing/render-screen';
import { ContactPhonePanel } from './contact-phone-panel';

const establishmentContact = jest.fn();
const saveEstablishmentContactPhone = jest.fn();
jest.mock('../../api/notification-api', () => ({
  establishmentContact: (...args: unknown[]) => establishmentContact(...args),
  saveEstablishmentContactPhone: (...args: unknown[]) => saveEstablishmentContactPhone(...args),
}));

const ESTABLISHMENT = '5f7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b01';
const manager = () => meFor({ account: { provider: 'proconnect' }, roles: ['establishment_manager'] });

describe('ContactPhonePanel', () => {
  beforeEach(() => {
    establishmentContact.mockReset();
    saveEstablishmentContactPhone.mockReset();
  });

  it('shows the collège’s contact address and saves its phone number with the consent attested', async () => {
    establishmentContact.mockResolvedValue({ email: 'gestion@college.example.fr', phone: null, smsConsent: false });
    saveEstablishmentContactPhone.mockResolvedValue({
      email: 'gestion@college.example.fr',
      phone: '+33612345678',
      smsConsent: true,
    });
    renderScreen(<ContactPhonePanel establishmentId={ESTABLISHMENT} />, manager());
    expect((await screen.findByText(/Adresse de contact/)).textContent).toBe(
      'Adresse de contact\u00a0: gestion@college.example.fr',
    );
    fireEvent.change(screen.getByLabelText(/Numéro de téléphone du contact/), { target: { value: '06 12 34 56 78' } });
    fireEvent.click(screen.getByLabelText(/a accepté de recevoir des SMS/));
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le numéro du contact' }));
    expect((await screen.findByRole('status')).textContent).toBe('Numéro du contact enregistré.');
    expect(saveEstablishmentContactPhone).toHaveBeenCalledWith(ESTABLISHMENT, '06 12 34 56 78', true);
  });

  it('says where messages go when the collège has no contact address', async () => {
    establishmentContact.mockRejectedValue(
      new ApiError({ title: 'Pas de contact', status: 404, code: 'no_contact_address' }),
    );
    renderScreen(<ContactPhonePanel establishmentId={ESTABLISHMENT} />, manager());
    expect(await screen.findByText(/n’a pas encore d’adresse de contact/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
