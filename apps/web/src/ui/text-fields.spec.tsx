/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { SelectField, TextAreaField, TextField } from './text-fields';

describe('the native text, text area and select fields', () => {
  it('take the id an error summary links to, and tie their label, hint and error to the control', () => {
    render(
      <TextField
        formId="demande"
        name="contact.email"
        label="Adresse électronique"
        hint="Pour la réponse du collège"
        error="Saisissez une adresse électronique, par exemple nom@exemple.fr."
      />,
    );
    const input = screen.getByRole('textbox', { name: /Adresse électronique/ });
    expect(input.id).toBe('demande-contact-email');
    expect(input.getAttribute('name')).toBe('contact.email');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('demande-contact-email-hint demande-contact-email-error');
    expect(document.getElementById('demande-contact-email-error')?.textContent).toBe(
      'Saisissez une adresse électronique, par exemple nom@exemple.fr.',
    );
  });

  it('say nothing more when there is neither hint nor error', () => {
    render(<TextAreaField formId="demande" name="purpose" label="Objet" />);
    const textarea = screen.getByRole('textbox', { name: 'Objet' });
    expect(textarea.tagName).toBe('TEXTAREA');
    expect(textarea.hasAttribute('aria-invalid')).toBe(false);
    expect(textarea.hasAttribute('aria-describedby')).toBe(false);
  });

  it('offer the placeholder as an empty first option of the select', () => {
    render(
      <SelectField
        formId="recherche"
        name="kinds"
        label="Type d’espace"
        placeholder="Tous les types"
        options={[{ value: 'gymnasium', label: 'Gymnase' }]}
        defaultValue=""
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Type d’espace' }) as HTMLSelectElement;
    expect([...select.options].map((option) => [option.value, option.text])).toEqual([
      ['', 'Tous les types'],
      ['gymnasium', 'Gymnase'],
    ]);
  });
});
