import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { cx as classes } from './class-names';
import { fieldId, Messages, type FieldBase } from './field-parts';

// The native text, text area and select fields, with a stable id per field key (`fieldId`), so that an error summary
// can link to them, and the hint and error message tied to the control with aria-describedby.

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
