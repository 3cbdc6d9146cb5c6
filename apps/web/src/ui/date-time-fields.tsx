import { parseDate, parseTime, type CalendarDate, type Time } from '@internationalized/date';
import type { ReactNode } from 'react';
import {
  DateField as AriaDateField,
  DateInput,
  DateSegment,
  FieldError,
  Label,
  Text,
  TimeField as AriaTimeField,
} from 'react-aria-components';
import { cx } from './class-names';

/**
 * Date and time fields as segments (day, month, year; hours, minutes) that the keyboard fills and the arrow keys
 * step, read in `fr-FR` order whatever the browser's locale (the app's root sets react-aria's `I18nProvider`).
 * Values stay the strings the API takes: `YYYY-MM-DD` and `HH:MM`, `''` while the field is empty or incomplete.
 */
interface SegmentedFieldProps {
  /** The id the error summary links to (`fieldId(formId, name)`): it lands on the field's group of segments. */
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The French message to show under the field (from the API or the form's own checks). */
  error?: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  disabled?: boolean;
  className?: string;
}

export interface DateFieldProps extends SegmentedFieldProps {
  /** The first and last dates allowed, `YYYY-MM-DD`. */
  min?: string;
  max?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` → a calendar date, `null` for anything else (an empty or half-typed value). */
export function calendarDateOf(value: string | undefined): CalendarDate | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try {
    return parseDate(value);
  } catch {
    return null;
  }
}

/** `HH:MM` → a time of day, `null` for anything else. */
export function timeOf(value: string | undefined): Time | null {
  if (!value || !/^\d{2}:\d{2}$/.test(value)) return null;
  try {
    return parseTime(value);
  } catch {
    return null;
  }
}

export const isoDateOf = (date: CalendarDate | null): string => (date ? date.toString() : '');
export const hoursMinutesOf = (time: Time | null): string => (time ? `${pad(time.hour)}:${pad(time.minute)}` : '');

/** The label, hint, segments and error every segmented field shares, styled as the app's other fields. */
function FieldParts({ label, hint, error }: Pick<SegmentedFieldProps, 'label' | 'hint' | 'error'>) {
  return (
    <>
      <Label className="salle-label">{label}</Label>
      {hint && (
        <Text slot="description" className="salle-hint-text salle-segmented-hint">
          {hint}
        </Text>
      )}
      <DateInput className={cx('salle-input', 'salle-segments', error && 'salle-input--error')}>
        {(segment) => <DateSegment segment={segment} className="salle-segment" />}
      </DateInput>
      <FieldError className="salle-message salle-message--error">{error}</FieldError>
    </>
  );
}

export function DateField({
  id,
  name,
  label,
  hint,
  error,
  value,
  onChange,
  required,
  disabled,
  className,
  min,
  max,
}: DateFieldProps) {
  return (
    <AriaDateField
      id={id}
      name={name}
      className={cx('salle-input-group', error && 'salle-input-group--error', className)}
      value={calendarDateOf(value)}
      onChange={(date) => onChange(isoDateOf(date))}
      minValue={calendarDateOf(min) ?? undefined}
      maxValue={calendarDateOf(max) ?? undefined}
      isRequired={required}
      isDisabled={disabled}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
      granularity="day"
    >
      <FieldParts label={label} hint={hint} error={error} />
    </AriaDateField>
  );
}

/** A time of day on 24 hours (« 18:00 »), hours then minutes. */
export function TimeField({
  id,
  name,
  label,
  hint,
  error,
  value,
  onChange,
  required,
  disabled,
  className,
}: SegmentedFieldProps) {
  return (
    <AriaTimeField
      id={id}
      name={name}
      className={cx('salle-input-group', error && 'salle-input-group--error', className)}
      value={timeOf(value)}
      onChange={(time) => onChange(hoursMinutesOf(time))}
      isRequired={required}
      isDisabled={disabled}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
      hourCycle={24}
      granularity="minute"
    >
      <FieldParts label={label} hint={hint} error={error} />
    </AriaTimeField>
  );
}
