/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { renderScreen } from '../testing/render-screen';
import { SearchComboBoxField } from './search-combo-box';

const ORGANISATIONS = [
  { value: 'a1', label: 'Basket Club du Grésivaudan (RNA W381000123)' },
  { value: 'b2', label: 'Judo Club (RNA W381000456)' },
  { value: 'c3', label: 'Chorale des Écrins' },
];

/** The server's search: part of the label, any case. */
const search = jest.fn((text: string) =>
  Promise.resolve(ORGANISATIONS.filter((option) => option.label.toLowerCase().includes(text.toLowerCase()))),
);

function Form({ initial = '', onChange }: { initial?: string; onChange: (value: string, label: string) => void }) {
  const [value, setValue] = useState(initial);
  const [label, setLabel] = useState(initial);
  return (
    <SearchComboBoxField
      id="filtres-organisationId"
      name="organisationId"
      label="Organisme"
      value={value}
      valueLabel={label}
      onChange={(next, nextLabel) => {
        setValue(next);
        setLabel(nextLabel);
        onChange(next, nextLabel);
      }}
      search={(text) => search(text)}
      promptLabel="Tapez au moins 2 caractères"
      emptyLabel="Aucun organisme trouvé"
    />
  );
}

const input = () => screen.getByRole('combobox', { name: 'Organisme' }) as HTMLInputElement;
const type = (text: string) => act(() => fireEvent.change(input(), { target: { value: text } }));
const options = () => screen.queryAllByRole('option').map((option) => option.textContent);

beforeEach(() => search.mockClear());

describe('the search combobox', () => {
  it('asks the server once the typing pauses, says when it found nothing, and chooses with the keyboard', async () => {
    const onChange = jest.fn();
    renderScreen(<Form onChange={onChange} />);
    expect(input().id).toBe('filtres-organisationId');
    act(() => input().focus());
    type('c');
    // One character: no request, the list says what to type.
    await screen.findByText('Tapez au moins 2 caractères');
    type('tennis');
    await screen.findByText('Aucun organisme trouvé', {}, { timeout: 2_000 });
    search.mockClear();
    type('cl');
    type('club');
    await waitFor(() =>
      expect(options()).toEqual(['Basket Club du Grésivaudan (RNA W381000123)', 'Judo Club (RNA W381000456)']),
    );
    // The pause came after « club » only: the earlier text was never asked.
    expect(search.mock.calls).toEqual([['club']]);
    act(() => void fireEvent.keyDown(input(), { key: 'ArrowDown' }));
    act(() => void fireEvent.keyDown(input(), { key: 'ArrowDown' }));
    act(() => void fireEvent.keyDown(input(), { key: 'Enter' }));
    expect(onChange).toHaveBeenLastCalledWith('b2', 'Judo Club (RNA W381000456)');
    expect(input().value).toBe('Judo Club (RNA W381000456)');
    // Chosen: the list closes, and nothing more is asked.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(search.mock.calls).toEqual([['club']]);
    expect((document.querySelector('input[type="hidden"][name="organisationId"]') as HTMLInputElement).value).toBe(
      'b2',
    );
  });

  it('keeps a choice made elsewhere among the options, and chooses nothing once emptied', async () => {
    const onChange = jest.fn();
    renderScreen(<Form initial="b2" onChange={onChange} />);
    // Chosen by the address: shown by its identifier, and not searched.
    expect(input().value).toBe('b2');
    expect(search).not.toHaveBeenCalled();
    act(() => input().focus());
    type('chorale');
    await waitFor(() => expect(options()).toEqual(['Chorale des Écrins', 'b2']));
    expect(search).toHaveBeenLastCalledWith('chorale');
    type('');
    expect(onChange).toHaveBeenLastCalledWith('', '');
  });
});
