/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { renderScreen } from '../testing/render-screen';
import { ComboBoxField } from './combo-box';

const COMMUNES = [
  { value: '38185', label: 'Grenoble' },
  { value: '38382', label: 'Saint-Égrève' },
  { value: '38421', label: 'Saint-Martin-d’Hères' },
  { value: '38151', label: 'Échirolles' },
];

function Form({ initial = '', onChange }: { initial?: string; onChange: (value: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <ComboBoxField
      id="recherche-communeInsee"
      name="communeInsee"
      label="Commune"
      options={COMMUNES}
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
      emptyLabel="Aucune commune de ce nom"
    />
  );
}

const input = () => screen.getByRole('combobox', { name: 'Commune' }) as HTMLInputElement;
const type = (text: string) => act(() => fireEvent.change(input(), { target: { value: text } }));
const options = () => screen.queryAllByRole('option').map((option) => option.textContent);

describe('the combobox', () => {
  it('filters as one types, without regard to case or accents, and chooses with the keyboard', async () => {
    const onChange = jest.fn();
    renderScreen(<Form onChange={onChange} />);
    expect(input().id).toBe('recherche-communeInsee');
    act(() => input().focus());
    type('saint');
    await waitFor(() => expect(options()).toEqual(['Saint-Égrève', 'Saint-Martin-d’Hères']));
    type('egr');
    await waitFor(() => expect(options()).toEqual(['Saint-Égrève']));
    act(() => void fireEvent.keyDown(input(), { key: 'ArrowDown' }));
    act(() => void fireEvent.keyDown(input(), { key: 'Enter' }));
    expect(onChange).toHaveBeenLastCalledWith('38382');
    expect(input().value).toBe('Saint-Égrève');
    expect((document.querySelector('input[type="hidden"][name="communeInsee"]') as HTMLInputElement).value).toBe(
      '38382',
    );
  });

  it('says when nothing matches, and chooses nothing once emptied', async () => {
    const onChange = jest.fn();
    renderScreen(<Form initial="38185" onChange={onChange} />);
    expect(input().value).toBe('Grenoble');
    act(() => input().focus());
    type('Lyon');
    await screen.findByText('Aucune commune de ce nom');
    // react-aria gives the empty state the option role, so that the list is never empty to a screen reader.
    expect(options()).toEqual(['Aucune commune de ce nom']);
    type('');
    expect(onChange).toHaveBeenLastCalledWith('');
  });
});
