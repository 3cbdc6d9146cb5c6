/** @jest-environment jsdom */
import { act, fireEvent, screen } from '@testing-library/react';
import { renderScreen } from '../testing/render-screen';
import { Tabs } from './tabs';

function Editor() {
  return (
    <Tabs
      label="Parties de l’espace"
      tabs={[
        { id: 'description', title: 'Description', content: <input aria-label="Nom" defaultValue="" /> },
        { id: 'horaires', title: 'Horaires', content: <p>Lundi, 18 h – 22 h</p> },
        { id: 'tarifs', title: 'Tarifs', content: <p>16,00 € de l’heure</p> },
      ]}
    />
  );
}

const selected = () => screen.getAllByRole('tab').find((tab) => tab.getAttribute('aria-selected') === 'true');

describe('the tabs', () => {
  it('are one tab stop whose arrow keys choose the panel shown', () => {
    renderScreen(<Editor />);
    expect(screen.getByRole('tablist', { name: 'Parties de l’espace' })).toBeTruthy();
    expect(selected()?.textContent).toBe('Description');
    expect(screen.getAllByRole('tab').map((tab) => tab.tabIndex)).toEqual([0, -1, -1]);
    act(() => selected()?.focus());
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
    expect(selected()?.textContent).toBe('Horaires');
    expect(screen.getByRole('tabpanel').textContent).toBe('Lundi, 18 h – 22 h');
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    expect(selected()?.textContent).toBe('Tarifs');
  });

  it('keep what was typed in a panel while another is shown', () => {
    renderScreen(<Editor />);
    fireEvent.change(screen.getByLabelText('Nom'), { target: { value: 'Gymnase' } });
    fireEvent.click(screen.getByRole('tab', { name: 'Tarifs' }));
    expect(screen.getByRole('tabpanel').textContent).toBe('16,00 € de l’heure');
    fireEvent.click(screen.getByRole('tab', { name: 'Description' }));
    expect((screen.getByLabelText('Nom') as HTMLInputElement).value).toBe('Gymnase');
  });
});
