/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { renderScreen } from '../testing/render-screen';
import { Dialog } from './dialog';

function Page({ onConfirm }: { onConfirm: () => void }) {
  return (
    <main>
      <button type="button">Avant</button>
      <Dialog triggerLabel="Annuler la réservation" title="Confirmer l’annulation">
        {(close) => (
          <>
            <p>L’annulation est sans frais.</p>
            <button
              type="button"
              onClick={() => {
                onConfirm();
                close();
              }}
            >
              Confirmer l’annulation
            </button>
            <button type="button" onClick={close}>
              Retour
            </button>
          </>
        )}
      </Dialog>
    </main>
  );
}

async function open() {
  const onConfirm = jest.fn();
  renderScreen(<Page onConfirm={onConfirm} />);
  const trigger = screen.getByRole('button', { name: 'Annuler la réservation' });
  act(() => trigger.focus());
  fireEvent.click(trigger);
  const dialog = screen.getByRole('dialog', { name: 'Confirmer l’annulation' });
  // react-aria moves the focus in on the next frame.
  await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
  return { trigger, onConfirm, dialog };
}

describe('the modal dialog', () => {
  it('opens named by its title, with the focus inside it', async () => {
    const { dialog } = await open();
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(screen.getByRole('heading', { level: 2, name: 'Confirmer l’annulation' })).toBeTruthy();
  });

  it('keeps the focus inside while open: focus sent to the page behind comes back', async () => {
    const { dialog } = await open();
    const behind = screen.getByText('Avant');
    act(() => behind.focus());
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
  });

  it('closes on Escape and gives the focus back to the button that opened it', async () => {
    const { trigger } = await open();
    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(trigger));
  });

  it('runs its action and closes', async () => {
    const { onConfirm } = await open();
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer l’annulation' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
