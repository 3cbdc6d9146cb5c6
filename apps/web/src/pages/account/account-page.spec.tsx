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

  it('shows an admin no account id either', () => {
    const me = meFor({ account: { provider: 'proconnect' }, roles: ['department_admin'] });
    expect(renderScreen(<AccountPage />, me).container.innerHTML).not.toMatch(UUID);
  });

  it('keeps the code an agent hands the département, folded away', () => {
    const me = meFor({ account: { provider: 'proconnect' }, roles: ['establishment_manager'] });
    const { container } = renderScreen(<AccountPage />, me);
    const details = container.querySelector('details');
    expect(details?.querySelector('summary')?.textContent).toBe('Être désigné gestionnaire d’un autre collège');
    expect(details?.innerHTML).toMatch(UUID);
  });
});
