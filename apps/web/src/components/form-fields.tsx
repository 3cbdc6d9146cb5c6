import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

/**
 * Form fields (input, select, textarea, checkboxes, radios) with a
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

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

function Messages({ id, error }: { id: string; error?: string }) {
  return (
    <div className="salle-messages-group" id={`${id}-messages`} aria-live="polite">
      {error && (
        <p className="salle-message salle-message--error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The group around one labelled control (`salle-input-group`, `salle-select-group`):
 * label with its hint, the control, the error message.
 */
function LabelledControl({
  group,
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  group: string;
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={classes(group, error && `${group}--error`, className)}>
      <label className="salle-label" htmlFor={id}>
        {label}
        {hint && (
          <span className="salle-hint-text" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </label>
      {children}
      <Messages id={id} error={error} />
    </div>
  );
}

/** Attributes every labelled control shares: its ids, class and accessibility links. */
function controlAttributes(id: string, name: string, base: string, error: string | undefined, hint: ReactNode) {
  return {
    id,
    name,
    className: classes(base, error && `${base}--error`),
    'aria-invalid': error ? true : undefined,
    'aria-describedby': classes(hint ? `${id}-hint` : false, error ? `${id}-error` : false) || undefined,
  };
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
    <LabelledControl group="salle-input-group" id={id} label={label} hint={hint} error={error} className={className}>
      <input type="text" {...input} {...controlAttributes(id, name, 'salle-input', error, hint)} />
    </LabelledControl>
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
    <LabelledControl group="salle-input-group" id={id} label={label} hint={hint} error={error} className={className}>
      <textarea {...textarea} {...controlAttributes(id, name, 'salle-input', error, hint)} />
    </LabelledControl>
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
}: FieldBase & { options: readonly Option[]; placeholder?: string } & Omit<
    SelectHTMLAttributes<HTMLSelectElement>,
    'id' | 'name'
  >) {
  const id = fieldId(formId, name);
  return (
    <LabelledControl group="salle-select-group" id={id} label={label} hint={hint} error={error} className={className}>
      <select {...select} {...controlAttributes(id, name, 'salle-select', error, hint)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledControl>
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
