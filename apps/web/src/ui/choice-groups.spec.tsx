/** @jest-environment jsdom */
import { fireEvent, screen, within } from '@testing-library/react';
import { renderScreen } from '../testing/render-screen';
import { CheckboxGroup, RadioGroup } from './index';

const DAYS = [
  { value: '1', label: 'lundi' },
  { value: '2', label: 'mardi', hint: 'jour de marché' },
];

describe('the choice groups', () => {
  it('name the checkboxes by their legend, tie the error to the group and report the checked values', () => {
    const onChange = jest.fn();
    renderScreen(
      <CheckboxGroup
        formId="recherche"
        name="weekdays"
        legend="Jours"
        options={DAYS}
        values={['2']}
        onChange={onChange}
        error="Choisissez au moins un jour."
      />,
    );
    const group = screen.getByRole('group', { name: /Jours.*Choisissez au moins un jour\./ });
    expect(group.id).toBe('recherche-weekdays');
    expect((within(group).getByLabelText(/mardi/) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(group).getByLabelText('lundi'));
    expect(onChange).toHaveBeenCalledWith(['2', '1']);
  });

  it('give radios of two forms names of their own and report the chosen value', () => {
    const onChange = jest.fn();
    renderScreen(
      <>
        <RadioGroup formId="a" name="mode" legend="Fréquence" options={DAYS} value="1" onChange={onChange} />
        <RadioGroup formId="b" name="mode" legend="Autre" options={DAYS} value="1" onChange={() => undefined} />
      </>,
    );
    const [first, second] = screen.getAllByRole('radio', { name: 'lundi' }) as HTMLInputElement[];
    expect(first?.name).not.toBe(second?.name);
    fireEvent.click(within(screen.getByRole('group', { name: /Fréquence/ })).getByLabelText(/mardi/));
    expect(onChange).toHaveBeenCalledWith('2');
  });
});
