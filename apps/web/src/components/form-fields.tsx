import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

/**
 * DSFR form fields (input, select, textarea, checkboxes, radios) with a
 * stable id per field key, so that an error summary can link to them, and
 * the error message tied to the control with aria-describedby.
 */
export const fieldId = (formId: string, name: string) => `${formId}-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

interface FieldBase {
  formId: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
}

function Messages({ id, error }: { id: string; error?: string }) {
  return (
    <div className="fr-messages-group" id={`${id}-messages`} aria-live="polite">
      {error && (
        <p className="fr-message fr-message--error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, error: string | undefined, hint: ReactNode) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

export function TextField({
  formId,
  name,
  label,
  hint,
  error,
  className,
  ...input
}: FieldBase & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>) {
  const id = fieldId(formId, name);
  return (
    <div className={['fr-input-group', error ? 'fr-input-group--error' : '', className ?? ''].join(' ').trim()}>
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint && (
          <span className="fr-hint-text" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </label>
      <input
        type="text"
        {...input}
        id={id}
        name={name}
        className={`fr-input${error ? ' fr-input--error' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
      <Messages id={id} error={error} />
    </div>
  );
}

export function TextAreaField({
  formId,
  name,
  label,
  hint,
  error,
  className,
  ...textarea
}: FieldBase & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'>) {
  const id = fieldId(formId, name);
  return (
    <div className={['fr-input-group', error ? 'fr-input-group--error' : '', className ?? ''].join(' ').trim()}>
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint && (
          <span className="fr-hint-text" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </label>
      <textarea
        {...textarea}
        id={id}
        name={name}
        className={`fr-input${error ? ' fr-input--error' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
      <Messages id={id} error={error} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  formId,
  name,
  label,
  hint,
  error,
  className,
  options,
  placeholder,
  ...select
}: FieldBase & { options: readonly Option[]; placeholder?: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'>) {
  const id = fieldId(formId, name);
  return (
    <div className={['fr-select-group', error ? 'fr-select-group--error' : '', className ?? ''].join(' ').trim()}>
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint && (
          <span className="fr-hint-text" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </label>
      <select
        {...select}
        id={id}
        name={name}
        className={`fr-select${error ? ' fr-select--error' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Messages id={id} error={error} />
    </div>
  );
}

interface ChoiceGroupProps {
  formId: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: readonly { value: string; label: ReactNode; hint?: ReactNode }[];
  inline?: boolean;
  className?: string;
}

/** Several checkboxes, one value each (`values` holds the checked ones). */
export function CheckboxGroup({
  formId,
  name,
  legend,
  hint,
  error,
  options,
  inline,
  className,
  values,
  onChange,
}: ChoiceGroupProps & { values: readonly string[]; onChange: (values: string[]) => void }) {
  const id = fieldId(formId, name);
  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...values, value] : values.filter((item) => item !== value));
  return (
    <fieldset
      className={['fr-fieldset', error ? 'fr-fieldset--error' : '', className ?? ''].join(' ').trim()}
      id={id}
      aria-labelledby={`${id}-legend ${id}-messages`}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legend`}>
        {legend}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </legend>
      {options.map((option, index) => (
        <div className={`fr-fieldset__element${inline ? ' fr-fieldset__element--inline' : ''}`} key={option.value}>
          <div className="fr-checkbox-group">
            <input
              type="checkbox"
              id={`${id}-${index}`}
              name={name}
              value={option.value}
              checked={values.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <label className="fr-label" htmlFor={`${id}-${index}`}>
              {option.label}
              {option.hint && <span className="fr-hint-text">{option.hint}</span>}
            </label>
          </div>
        </div>
      ))}
      <Messages id={id} error={error} />
    </fieldset>
  );
}

/** One checkbox holding a yes/no answer. */
export function SingleCheckbox({
  formId,
  name,
  label,
  hint,
  error,
  checked,
  onChange,
}: FieldBase & { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = fieldId(formId, name);
  return (
    <div className={`fr-checkbox-group${error ? ' fr-checkbox-group--error' : ''}`}>
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </label>
      <Messages id={id} error={error} />
    </div>
  );
}

export function RadioGroup({
  formId,
  name,
  legend,
  hint,
  error,
  options,
  inline,
  className,
  value,
  onChange,
}: ChoiceGroupProps & { value: string; onChange: (value: string) => void }) {
  const id = fieldId(formId, name);
  const groupName = useId();
  return (
    <fieldset
      className={['fr-fieldset', error ? 'fr-fieldset--error' : '', className ?? ''].join(' ').trim()}
      id={id}
      aria-labelledby={`${id}-legend ${id}-messages`}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legend`}>
        {legend}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </legend>
      {options.map((option, index) => (
        <div className={`fr-fieldset__element${inline ? ' fr-fieldset__element--inline' : ''}`} key={option.value}>
          <div className="fr-radio-group">
            <input
              type="radio"
              id={`${id}-${index}`}
              name={`${name}-${groupName}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <label className="fr-label" htmlFor={`${id}-${index}`}>
              {option.label}
              {option.hint && <span className="fr-hint-text">{option.hint}</span>}
            </label>
          </div>
        </div>
      ))}
      <Messages id={id} error={error} />
    </fieldset>
  );
}
