/** @jest-environment jsdom */
import { act, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { renderScreen, typeIntoSegments } from '../testing/render-screen';
import { DateField, TimeField } from './date-time-fields';

function Harness({ kind, initial = '', error }: { kind: 'date' | 'time'; initial?: string; error?: string }) {
  const [value, setValue] = useState(initial);
  const Field = kind === 'date' ? DateField : TimeField;
  return (
    <form>
      <Field id="f-when" name="when" label="Quand" hint="Facultatif" value={value} onChange={setValue} error={error} />
      <output data-testid="value">{value}</output>
    </form>
  );
}

const spinbuttons = () => screen.getAllByRole('spinbutton');
const valueShown = () => screen.getByTestId('value').textContent;

describe('the segmented date field', () => {
  it('shows its segments in French order, day then month then year, whatever the browser says', () => {
    renderScreen(<Harness kind="date" initial="2026-12-06" />);
    expect(spinbuttons().map((segment) => segment.textContent)).toEqual(['06', '12', '2026']);
    expect(screen.getByRole('group', { name: 'Quand' }).id).toBe('f-when');
  });

  it('gives the ISO date once day, month and year are typed with the keyboard', () => {
    renderScreen(<Harness kind="date" />);
    act(() => spinbuttons()[0].focus());
    typeIntoSegments('06');
    expect(valueShown()).toBe('');
    typeIntoSegments('12');
    typeIntoSegments('2026');
    expect(valueShown()).toBe('2026-12-06');
    expect((document.querySelector('input[name="when"]') as HTMLInputElement).value).toBe('2026-12-06');
  });

  it('steps the day with the arrow keys', () => {
    renderScreen(<Harness kind="date" initial="2026-12-31" />);
    fireEvent.keyDown(spinbuttons()[0], { key: 'ArrowUp' });
    expect(valueShown()).toBe('2026-12-01');
  });

  it('shows the error it is given, tied to its segments', () => {
    renderScreen(<Harness kind="date" initial="2026-12-06" error="La date doit être postérieure à aujourd’hui." />);
    const message = screen.getByText('La date doit être postérieure à aujourd’hui.');
    expect(spinbuttons()[0].getAttribute('aria-describedby')).toContain(message.id);
    expect(spinbuttons()[0].getAttribute('aria-invalid')).toBe('true');
  });
});

describe('the segmented time field', () => {
  it('counts 24 hours and gives HH:MM', () => {
    renderScreen(<Harness kind="time" />);
    expect(spinbuttons()).toHaveLength(2);
    act(() => spinbuttons()[0].focus());
    typeIntoSegments('18');
    typeIntoSegments('05');
    expect(valueShown()).toBe('18:05');
    expect(spinbuttons().map((segment) => segment.textContent)).toEqual(['18', '05']);
  });
});
