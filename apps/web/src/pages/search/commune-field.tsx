import { useEffect, useRef, useState } from 'react';
import { fieldId, SelectField } from '../../components/form-fields';
import type { ComboBoxField } from '../../ui/combo-box';
import type { CommuneOption } from './search-form-state';

/** react-aria's combobox, about 34 kB gzipped: fetched when someone reaches for the field, never by the first page. */
const loadComboBox = () => import('../../ui/combo-box').then((module) => module.ComboBoxField);

export interface CommuneFieldProps {
  formId: string;
  name: string;
  label: string;
  communes: readonly CommuneOption[];
  /** The chosen commune's INSEE code; `''` for every commune. */
  value: string;
  onChange: (insee: string) => void;
  error?: string;
}

/**
 * The search's commune: a native select until the person first points at it or moves the focus into it, then the
 * combobox that filters the communes as they type. Both carry the same id, so that the error summary's link lands
 * on whichever is shown; the focus follows to the combobox when it was in the select, and the select stays if the
 * combobox cannot be fetched.
 */
export function CommuneField({ formId, name, label, communes, value, onChange, error }: CommuneFieldProps) {
  const [ComboBox, setComboBox] = useState<typeof ComboBoxField | null>(null);
  const loading = useRef(false);
  const focusOnArrival = useRef(false);
  const id = fieldId(formId, name);

  const upgrade = () => {
    if (loading.current) return;
    loading.current = true;
    loadComboBox().then(
      (component) => {
        focusOnArrival.current = document.activeElement?.id === id;
        setComboBox(() => component);
      },
      () => {
        loading.current = false;
      },
    );
  };

  useEffect(() => {
    if (ComboBox && focusOnArrival.current) document.getElementById(id)?.focus();
  }, [ComboBox, id]);

  if (ComboBox) {
    return (
      <ComboBox
        id={id}
        name={name}
        label={label}
        hint={'Tapez les premières lettres\u00a0; vide\u00a0: toutes les communes'}
        options={communes.map((commune) => ({ value: commune.insee, label: commune.name }))}
        value={value}
        onChange={onChange}
        error={error}
        emptyLabel="Aucune commune de ce nom n’a de collège ouvert à la location"
      />
    );
  }
  return (
    <SelectField
      formId={formId}
      name={name}
      label={label}
      placeholder="Toutes les communes"
      options={communes.map((commune) => ({ value: commune.insee, label: commune.name }))}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onFocus={upgrade}
      onPointerEnter={upgrade}
      error={error}
    />
  );
}
