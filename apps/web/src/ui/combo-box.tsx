import type { ReactNode } from 'react';
import {
  Button as AriaButton,
  ComboBox as AriaComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
  useFilter,
} from 'react-aria-components';
import { cx } from './class-names';

export interface ComboBoxOption {
  value: string;
  label: string;
}

export interface ComboBoxFieldProps {
  /** The id the error summary links to (`fieldId(formId, name)`): it lands on the text input. */
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: readonly ComboBoxOption[];
  /** The chosen option's value; `''` for none (the whole list, « Toutes les communes »). */
  value: string;
  onChange: (value: string) => void;
  /** Said in the list when what is typed matches nothing. */
  emptyLabel?: string;
}

/**
 * A text input that filters a list as one types (react-aria's combobox pattern: the arrow keys move in the list,
 * Enter chooses, Escape closes then clears; the button or Alt+Down opens the whole list), matching without regard to case or accents (« saint-egreve » finds
 * « Saint-Égrève »). Emptying the input chooses nothing. Import it from `ui/combo-box`, not `ui/index.ts`.
 */
export function ComboBoxField({
  id,
  name,
  label,
  hint,
  error,
  options,
  value,
  onChange,
  emptyLabel = 'Aucun résultat',
}: ComboBoxFieldProps) {
  const { contains } = useFilter({ sensitivity: 'base' });
  return (
    <AriaComboBox
      name={name}
      className={cx('salle-input-group', error && 'salle-input-group--error')}
      defaultItems={options.map((option) => ({ id: option.value, ...option }))}
      defaultFilter={contains}
      allowsEmptyCollection
      selectedKey={value || null}
      onSelectionChange={(key) => onChange(key === null ? '' : String(key))}
      onInputChange={(text) => (text === '' && value ? onChange('') : undefined)}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <ComboBoxParts id={id} label={label} hint={hint} error={error} emptyState={emptyLabel} />
    </AriaComboBox>
  );
}

/**
 * What every combobox of the app shows inside react-aria's ComboBox: the label, the hint, the input with its toggle,
 * the error and the list (its options as `{ id, label }` items), `emptyState` said when the list has no option.
 */
export function ComboBoxParts({
  id,
  label,
  hint,
  error,
  emptyState,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  emptyState: ReactNode;
}) {
  return (
    <>
      <Label className="salle-label">{label}</Label>
      {hint && (
        <Text slot="description" className="salle-hint-text salle-segmented-hint">
          {hint}
        </Text>
      )}
      <div className={cx('salle-combobox', error && 'salle-input--error')}>
        <Input id={id} className="salle-input salle-combobox__input" />
        <AriaButton className="salle-combobox__toggle" aria-label="Afficher la liste">
          <span aria-hidden="true">▾</span>
        </AriaButton>
      </div>
      <FieldError className="salle-message salle-message--error">{error}</FieldError>
      <Popover className="salle-popover" offset={4}>
        <ListBox
          className="salle-listbox"
          renderEmptyState={() => <p className="salle-listbox__empty">{emptyState}</p>}
        >
          {(item: ComboBoxOption & { id: string }) => (
            <ListBoxItem id={item.id} className="salle-listbox__option" textValue={item.label}>
              {item.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </>
  );
}
