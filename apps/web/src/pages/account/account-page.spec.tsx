/** @jest-environment jsdom */
import { meFor, renderScreen, skippedHeadingLevels } from '../../testing/render-screen';
import { AccountPage } from './account-page';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('AccountPage', () => {
  it('shows a volunteer no account id, and headings in order', () => {
    const { container } = renderScreen(<AccountPage />, meFor());
    expect(container.textContent).toContain('Angela Dubois');
    expect(container.innerHTML).not.toMatch(UUID);
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('says where names and e-mail are corrected: at the identity provider one logs in with', () => {
    const citizen = renderScreen(<AccountPage />, meFor()).container.textContent;
    expect(citizen).toContain('Votre nom et votre adresse électronique viennent de FranceConnect à chaque connexion');
    const agent = meFor({ account: { provider: 'proconnect' }, roles: ['establishment_manager'] });
    expect(renderScreen(<AccountPage />, agent).container.textContent).toContain('viennent de ProConnect');
  });

  it('shows an admin no account id either', () => {
    const me = meFor({ account: { provider: 'proconnect' }, roles: ['department_admin'] });
    expect(renderScreen(<AccountPage />, me).container.innerHTML).not.toMatch(UUID);
  });

  it('shows an agent no account id, and how the département invites them to another collège', () => {
    const me = meFor({
      account: { provider: 'proconnect', email: 'claire.martin@ac-grenoble.fr' },
      roles: ['establishment_manager'],
    });
    const { container } = renderScreen(<AccountPage />, me);
    expect(container.innerHTML).not.toMatch(UUID);
    expect(container.querySelector('details')).toBeNull();
    expect(container.textContent).toContain(
      'Pour gérer un autre collège, demandez au département de vous inviter à l’adresse claire.martin@ac-grenoble.fr\u00a0:',
    );
  });
});
