/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { renderScreen } from '../../testing/render-screen';
import { CommuneField } from './commune-field';

const COMMUNES = [
  { insee: '38006', name: 'Allevard', latitude: 45.39, longitude: 6.07 },
  { insee: '38034', name: 'Beaurepaire', latitude: 45.34, longitude: 5.05 },
  { insee: '38382', name: 'Saint-Égrève', latitude: 45.23, longitude: 5.68 },
];

function Search({ onChange, error }: { onChange: (insee: string) => void; error?: string }) {
  const [value, setValue] = useState('');
  return (
    <>
      <button type="button">Avant</button>
      <CommuneField
        formId="recherche"
        name="communeInsee"
        label="Commune"
        communes={COMMUNES}
        value={value}
        onChange={(insee) => {
          setValue(insee);
          onChange(insee);
        }}
        error={error}
      />
    </>
  );
}

const field = () => document.getElementById('recherche-communeInsee') as HTMLElement;
/** The field once the combobox has replaced the select (both have the combobox role). */
const combobox = async () => {
  await waitFor(() => expect(field().tagName).toBe('INPUT'));
  return screen.getByRole('combobox', { name: /Commune/ }) as HTMLInputElement;
};

describe('the search’s commune field', () => {
  it('is a native select until reached, whose choice counts, and fetches no combobox on its own', async () => {
    const onChange = jest.fn();
    renderScreen(<Search onChange={onChange} />);
    const select = screen.getByRole('combobox', { name: 'Commune' });
    expect(select.tagName).toBe('SELECT');
    expect([...(select as HTMLSelectElement).options].map((option) => option.text)).toEqual([
      'Toutes les communes',
      'Allevard',
      'Beaurepaire',
      'Saint-Égrève',
    ]);
    act(() => void fireEvent.change(select, { target: { value: '38034' } }));
    expect(onChange).toHaveBeenLastCalledWith('38034');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(field().tagName).toBe('SELECT');
  });

  it('becomes the combobox when the focus reaches it, keeps the focus there, and chooses with the keyboard', async () => {
    const onChange = jest.fn();
    renderScreen(<Search onChange={onChange} />);
    act(() => field().focus());
    const input = await combobox();
    expect(input.id).toBe('recherche-communeInsee');
    await waitFor(() => expect(document.activeElement).toBe(input));
    const hint = screen.getByText('Tapez les premières lettres ; vide : toutes les communes');
    expect(hint.textContent).toBe('Tapez les premières lettres\u00a0; vide\u00a0: toutes les communes');
    expect(input.getAttribute('aria-describedby')).toContain(hint.id);
    act(() => void fireEvent.change(input, { target: { value: 'saint-egr' } }));
    await waitFor(() =>
      expect(screen.queryAllByRole('option').map((option) => option.textContent)).toEqual(['Saint-Égrève']),
    );
    act(() => void fireEvent.keyDown(input, { key: 'ArrowDown' }));
    act(() => void fireEvent.keyDown(input, { key: 'Enter' }));
    expect(onChange).toHaveBeenLastCalledWith('38382');
    expect(input.value).toBe('Saint-Égrève');
  });

  it('becomes the combobox under the pointer without taking the focus, and shows the error it is given', async () => {
    renderScreen(<Search onChange={jest.fn()} error="Choisissez une commune de la liste." />);
    const before = screen.getByRole('button', { name: 'Avant' });
    act(() => before.focus());
    act(() => void fireEvent.pointerEnter(field()));
    const input = await combobox();
    expect(document.activeElement).toBe(before);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Choisissez une commune de la liste.')).toBeTruthy();
  });
});
