/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { renderScreen, typeIntoField } from '../testing/render-screen';
import { DatePicker } from './date-picker';

function Form({ onChange }: { onChange: (value: string) => void }) {
  const [value, setValue] = useState('2027-01-11');
  return (
    <DatePicker
      id="demande-date"
      name="date"
      label="Date"
      value={value}
      min="2027-01-05"
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
    />
  );
}

describe('the date picker', () => {
  it('opens a French month calendar, picks a day, and gives the focus back to its button', async () => {
    const onChange = jest.fn();
    const { container } = renderScreen(<Form onChange={onChange} />);
    const button = screen.getByRole('button', { name: /Choisir dans le calendrier/ });
    act(() => button.focus());
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('janvier 2027');
    const headers = [...dialog.querySelectorAll('th')].map(
      (cell) => cell.getAttribute('aria-label') ?? cell.textContent,
    );
    expect(headers[0]).toMatch(/^l/i); // weeks start on Monday
    // Before the first date allowed: shown, not offered.
    expect(within(dialog).getByRole('button', { name: 'lundi 4 janvier 2027' }).getAttribute('aria-disabled')).toBe(
      'true',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: /^mardi 12 janvier 2027/ }));
    expect(onChange).toHaveBeenLastCalledWith('2027-01-12');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(button));
    expect((container.querySelector('input[name="date"]') as HTMLInputElement).value).toBe('2027-01-12');
  });

  it('is typed segment by segment like the date field, in French order', () => {
    const onChange = jest.fn();
    const { container } = renderScreen(<Form onChange={onChange} />);
    expect(container.querySelector('#demande-date')?.textContent?.replace(/[^\d/]/g, '')).toBe('11/01/2027');
    typeIntoField('Date', '03022027');
    expect(onChange).toHaveBeenLastCalledWith('2027-02-03');
  });
});
