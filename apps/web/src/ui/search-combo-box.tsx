import { useEffect, useState, type ReactNode } from 'react';
import { ComboBox as AriaComboBox } from 'react-aria-components';
import { cx } from './class-names';
import { ComboBoxParts, type ComboBoxOption } from './combo-box';

/** How long typing pauses before the search is asked: one request per word, not per key. */
export const SEARCH_PAUSE_MS = 250;

export interface SearchComboBoxFieldProps {
  /** The id the error summary links to (`fieldId(formId, name)`): it lands on the text input. */
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** The chosen option's value; `''` for none. */
  value: string;
  /** What the input shows for `value` (its label once chosen here; the value itself when it came from elsewhere). */
  valueLabel: string;
  onChange: (value: string, label: string) => void;
  /** The options matching what was typed (at least `minLength` characters), asked of the server. */
  search: (text: string, signal: AbortSignal) => Promise<readonly ComboBoxOption[]>;
  minLength?: number;
  /** Said in the list while fewer than `minLength` characters are typed. */
  promptLabel: string;
  /** Said in the list when the search found nothing. */
  emptyLabel?: string;
}

type SearchState = 'idle' | 'searching' | 'failed';

/**
 * A combobox whose options the server finds as one types (an organisation among thousands): the same keyboard use
 * as `ComboBoxField` (arrows move in the list, Enter chooses, Escape closes then clears), the search asked once the
 * typing pauses, an earlier one cancelled. Emptying the input chooses nothing. Import it from `ui/search-combo-box`.
 */
export function SearchComboBoxField({
  id,
  name,
  label,
  hint,
  error,
  value,
  valueLabel,
  onChange,
  search,
  minLength = 2,
  promptLabel,
  emptyLabel = 'Aucun résultat',
}: SearchComboBoxFieldProps) {
  const [text, setText] = useState(valueLabel);
  const [found, setFound] = useState<readonly ComboBoxOption[]>([]);
  const [state, setState] = useState<SearchState>('idle');
  // A choice made elsewhere (the address, a link) shows in the input.
  useEffect(() => setText(valueLabel), [value, valueLabel]);
  const typed = text.trim();
  const showsChoice = value !== '' && text === valueLabel;

  useEffect(() => {
    if (typed.length < minLength || showsChoice) {
      setFound([]);
      setState('idle');
      return undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState('searching');
      search(typed, controller.signal).then(
        (options) => {
          setFound(options);
          setState('idle');
        },
        () => {
          if (!controller.signal.aborted) setState('failed');
        },
      );
    }, SEARCH_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `search` is the caller's function, possibly remade each render: only what is typed decides a new search.
  }, [typed, showsChoice, minLength]);

  // The choice stays among the items, so that leaving the field shows it again rather than emptying the input.
  const options =
    value && !found.some((option) => option.value === value) ? [...found, { value, label: valueLabel }] : found;
  const items = options.map((option) => ({ id: option.value, ...option }));
  const emptyState =
    typed.length < minLength
      ? promptLabel
      : state === 'searching'
        ? 'Recherche…'
        : state === 'failed'
          ? 'La recherche n’a pas abouti, réessayez.'
          : emptyLabel;
  return (
    <AriaComboBox
      name={name}
      className={cx('salle-input-group', error && 'salle-input-group--error')}
      items={items}
      inputValue={text}
      onInputChange={(next) => {
        setText(next);
        if (next === '' && value) onChange('', '');
      }}
      allowsEmptyCollection
      selectedKey={value || null}
      onSelectionChange={(key) => {
        const chosen = options.find((option) => option.value === key);
        // Both the input and the choice are controlled: the input shows the choice in the same render, or react-aria
        // would take the new text for typing and open the list again.
        setText(chosen?.label ?? '');
        onChange(chosen?.value ?? '', chosen?.label ?? '');
      }}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <ComboBoxParts id={id} label={label} hint={hint} error={error} emptyState={emptyState} />
    </AriaComboBox>
  );
}
