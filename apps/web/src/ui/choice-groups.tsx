import { useId, type ReactNode } from 'react';
import { cx as classes } from './class-names';
import { fieldId, Messages, type FieldBase } from './field-parts';

// Checkbox and radio groups on native inputs in a fieldset: a legend names the group, each option its label and
// hint, the error follows; the browser's own keyboard behaviour (Space toggles, the arrow keys move between
// radios) and no script to load. Used on the first page (the search's weekdays), hence native and in the index.

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

/**
 * A fieldset of checkboxes or radios: legend, one element per option
 * (the control comes from `control`), the error message.
 */
function ChoiceFieldset({
  kind,
  formId,
  name,
  legend,
  hint,
  error,
  options,
  inline,
  className,
  control,
}: ChoiceGroupProps & {
  kind: 'checkbox' | 'radio';
  control: (option: ChoiceGroupProps['options'][number], id: string) => ReactNode;
}) {
  const id = fieldId(formId, name);
  return (
    <fieldset
      className={classes('salle-fieldset', error && 'salle-fieldset--error', className)}
      id={id}
      aria-labelledby={`${id}-legend ${id}-messages`}
    >
      <legend className="salle-fieldset__legend salle-fieldset__legend--regular" id={`${id}-legend`}>
        {legend}
        {hint && <span className="salle-hint-text">{hint}</span>}
      </legend>
      {options.map((option, index) => (
        <div
          className={classes('salle-fieldset__element', inline && 'salle-fieldset__element--inline')}
          key={option.value}
        >
          <div className={`salle-${kind}-group`}>
            {control(option, `${id}-${index}`)}
            <label className="salle-label" htmlFor={`${id}-${index}`}>
              {option.label}
              {option.hint && <span className="salle-hint-text">{option.hint}</span>}
            </label>
          </div>
        </div>
      ))}
      <Messages id={id} error={error} />
    </fieldset>
  );
}

/** Several checkboxes, one value each (`values` holds the checked ones). */
export function CheckboxGroup({
  values,
  onChange,
  ...group
}: ChoiceGroupProps & { values: readonly string[]; onChange: (values: string[]) => void }) {
  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...values, value] : values.filter((item) => item !== value));
  return (
    <ChoiceFieldset
      {...group}
      kind="checkbox"
      control={(option, id) => (
        <input
          type="checkbox"
          id={id}
          name={group.name}
          value={option.value}
          checked={values.includes(option.value)}
          onChange={(event) => toggle(option.value, event.target.checked)}
        />
      )}
    />
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
    <div className={classes('salle-checkbox-group', error && 'salle-checkbox-group--error')}>
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label className="salle-label" htmlFor={id}>
        {label}
        {hint && <span className="salle-hint-text">{hint}</span>}
      </label>
      <Messages id={id} error={error} />
    </div>
  );
}

export function RadioGroup({
  value,
  onChange,
  ...group
}: ChoiceGroupProps & { value: string; onChange: (value: string) => void }) {
  // Radios of two forms on one page must not share a name, or the browser groups them together.
  const groupName = useId();
  return (
    <ChoiceFieldset
      {...group}
      kind="radio"
      control={(option, id) => (
        <input
          type="radio"
          id={id}
          name={`${group.name}-${groupName}`}
          value={option.value}
          checked={value === option.value}
          onChange={() => onChange(option.value)}
        />
      )}
    />
  );
}
