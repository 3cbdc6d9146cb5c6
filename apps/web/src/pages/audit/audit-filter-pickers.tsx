import type { OrganisationSummary } from '@salle/contracts';
import { auditApi } from '../../api/audit-api';
import { hasRole, useSession } from '../../app/session';
import { fieldId, TextField } from '../../components/form-fields';
import { useAsync } from '../../components/use-async';
import { ComboBoxField, type ComboBoxOption } from '../../ui/combo-box';
import { SearchComboBoxField } from '../../ui/search-combo-box';

interface PickerProps {
  formId: string;
  /** The field's name, as the gateway's errors name it (`establishmentId`, `organisationId`). */
  name: string;
  label: string;
  value: string;
  error?: string;
}

const byLabel = (a: ComboBoxOption, b: ComboBoxOption) => a.label.localeCompare(b.label, 'fr');

/** « Collège Flavius Vaussenat (0380003A) ». */
const collegeOption = (college: { id: string; name: string; uai: string }): ComboBoxOption => ({
  value: college.id,
  label: `${college.name} (${college.uai})`,
});

/** « Basket Club du Grésivaudan (RNA W381000123) », as the staff recognise an organisation. */
export function organisationLabel(organisation: OrganisationSummary): string {
  const number = organisation.rna ? `RNA ${organisation.rna}` : organisation.siren ? `SIREN ${organisation.siren}` : '';
  return number ? `${organisation.name} (${number})` : organisation.name;
}

/**
 * The collège filter: the collèges the person may read the log of, by name, a manager's those of their session
 * and an admin's every collège. A collège named by the address but not listed (a shared link) stays chosen, shown
 * by its identifier; the identifier field comes back if the list cannot be loaded.
 */
export function CollegePicker({
  formId,
  name,
  label,
  value,
  error,
  onChange,
}: PickerProps & {
  onChange: (id: string) => void;
}) {
  const { me } = useSession();
  const admin = hasRole(me, 'department_admin');
  const colleges = useAsync(
    async (signal) =>
      (admin ? await auditApi.establishments({ signal }) : (me?.establishments ?? [])).map(collegeOption).sort(byLabel),
    [admin, me],
  );
  if (colleges.error)
    return (
      <TextField
        formId={formId}
        name={name}
        label={label}
        hint={'La liste des collèges n’a pas pu être chargée\u00a0: identifiant (UUID), tel qu’affiché dans le journal'}
        value={value}
        onChange={(event) => onChange(event.target.value.trim())}
        error={error}
      />
    );
  const options = colleges.data ?? [];
  const listed = !value || options.some((option) => option.value === value);
  return (
    <ComboBoxField
      // Mounted again once the list arrives, so that a collège chosen by the address shows its name.
      key={colleges.data ? 'listed' : 'loading'}
      id={fieldId(formId, name)}
      name={name}
      label={label}
      hint="Tapez une partie du nom ou le code UAI"
      options={listed ? options : [...options, { value, label: value }]}
      value={value}
      onChange={onChange}
      error={error}
      emptyLabel={colleges.loading ? 'Chargement des collèges…' : 'Aucun collège de ce nom'}
    />
  );
}

/**
 * The organisation filter: organisations found by the booking service as one types their name, RNA or SIREN (a
 * manager finds only those that booked at their collèges). `valueLabel` is the chosen one's label, or its
 * identifier when it came from the address.
 */
export function OrganisationPicker({
  formId,
  name,
  label,
  value,
  error,
  valueLabel,
  onChange,
}: PickerProps & {
  valueLabel: string;
  onChange: (id: string, label: string) => void;
}) {
  return (
    <SearchComboBoxField
      id={fieldId(formId, name)}
      name={name}
      label={label}
      hint="Tapez une partie du nom, ou le numéro RNA ou SIREN"
      value={value}
      valueLabel={valueLabel}
      onChange={onChange}
      search={async (text, signal) =>
        (await auditApi.organisations(text, { signal })).map((organisation) => ({
          value: organisation.id,
          label: organisationLabel(organisation),
        }))
      }
      promptLabel={'Tapez au moins 2\u00a0caractères'}
      emptyLabel="Aucun organisme trouvé"
      error={error}
    />
  );
}
