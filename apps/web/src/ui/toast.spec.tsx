/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ToastHost } from '../app/toast-host';
import { renderScreen } from '../testing/render-screen';
import { showToast, toastQueue } from './toast-queue';

afterEach(() => act(() => toastQueue.clear()));

describe('the toasts', () => {
  it('load their region with the first toast, announce it in a « Notifications » landmark, and close on « Fermer »', async () => {
    const { container } = renderScreen(<ToastHost />);
    expect(container.innerHTML).toBe('');
    act(() => showToast('Horaires enregistrés.'));
    const region = await screen.findByRole('region', { name: 'Notifications' });
    const toast = within(region).getByRole('alertdialog');
    expect(toast.textContent).toContain('Horaires enregistrés.');
    expect(toast.className).toContain('salle-toast--success');
    fireEvent.click(within(toast).getByRole('button', { name: 'Fermer' }));
    await waitFor(() => expect(screen.queryByText('Horaires enregistrés.')).toBeNull());
  });

  it('show three at most, the others waiting their turn', async () => {
    renderScreen(<ToastHost />);
    act(() => ['Un.', 'Deux.', 'Trois.', 'Quatre.'].forEach((title) => showToast(title, 'info')));
    const region = await screen.findByRole('region', { name: 'Notifications' });
    await waitFor(() => expect(within(region).getAllByRole('alertdialog')).toHaveLength(3));
    expect(region.textContent).not.toContain('Un.');
  });
});
