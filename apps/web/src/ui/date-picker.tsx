import type { ReactNode } from 'react';
import {
  Button as AriaButton,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker as AriaDatePicker,
  DateSegment,
  Dialog,
  FieldError,
  Group,
  Heading,
  Label,
  Popover,
  Text,
} from 'react-aria-components';
import { cx } from './class-names';
import { calendarDateOf, isoDateOf } from './date-time-fields';

export interface DatePickerProps {
  /** The id the error summary links to (`fieldId(formId, name)`): it lands on the field's group. */
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** `YYYY-MM-DD`, `''` while empty or incomplete. */
  value: string;
  onChange: (value: string) => void;
  /** The first and last dates allowed, `YYYY-MM-DD`: the calendar greys the others. */
  min?: string;
  max?: string;
  className?: string;
}

/**
 * A date typed segment by segment as in `DateField`, or picked in a month's calendar that the button beside it
 * opens in a popover (react-aria's date picker: the arrow keys move by day or week, Page Up and Page Down by month,
 * Enter picks, Escape closes and the focus returns to the button), in French (« décembre 2026 », weeks from
 * Monday). Import it from `ui/date-picker`, not `ui/index.ts`.
 */
export function DatePicker({ id, name, label, hint, error, value, onChange, min, max, className }: DatePickerProps) {
  return (
    <AriaDatePicker
      name={name}
      className={cx('salle-input-group', error && 'salle-input-group--error', className)}
      value={calendarDateOf(value)}
      onChange={(date) => onChange(isoDateOf(date))}
      minValue={calendarDateOf(min) ?? undefined}
      maxValue={calendarDateOf(max) ?? undefined}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
      granularity="day"
    >
      <Label className="salle-label">{label}</Label>
      {hint && (
        <Text slot="description" className="salle-hint-text salle-segmented-hint">
          {hint}
        </Text>
      )}
      <Group
        id={id}
        className={cx('salle-input', 'salle-segments', 'salle-date-picker', error && 'salle-input--error')}
      >
        <DateInput className="salle-date-picker__input">
          {(segment) => <DateSegment segment={segment} className="salle-segment" />}
        </DateInput>
        <AriaButton className="salle-date-picker__button" aria-label="Choisir dans le calendrier">
          <span aria-hidden="true">▦</span>
        </AriaButton>
      </Group>
      <FieldError className="salle-message salle-message--error">{error}</FieldError>
      <Popover className="salle-popover salle-calendar-popover" offset={4}>
        <Dialog className="salle-calendar-dialog">
          <Calendar className="salle-calendar">
            <header className="salle-calendar__header">
              <AriaButton slot="previous" className="salle-calendar__nav" aria-label="Mois précédent">
                <span aria-hidden="true">‹</span>
              </AriaButton>
              <Heading className="salle-calendar__heading" />
              <AriaButton slot="next" className="salle-calendar__nav" aria-label="Mois suivant">
                <span aria-hidden="true">›</span>
              </AriaButton>
            </header>
            <CalendarGrid className="salle-calendar__grid">
              {(date) => <CalendarCell date={date} className="salle-calendar__cell" />}
            </CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </AriaDatePicker>
  );
}
