import { RadioGroup, SelectField, SingleCheckbox, TextField } from '../../components/form-fields';
import { RENTER_CATEGORY_LABELS } from '../../lib/labels';
import type { OrganisationForm } from './declare-organisation-model';

/**
 * The fields of an organisation's record: identity, the access conditions it states, its insurance and its
 * contact. The member's declaration and the record a collège's staff create for an organisation share them.
 */
export function OrganisationFields({
  formId,
  form,
  update,
  errors,
  enteredByStaff = false,
}: {
  formId: string;
  /** A collège's staff fill it in for someone else: the browser must not offer their own details. */
  enteredByStaff?: boolean;
  form: OrganisationForm;
  update: <K extends keyof OrganisationForm>(field: K, value: OrganisationForm[K]) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <fieldset className="salle-fieldset">
        <legend className="salle-fieldset__legend">Identité</legend>
        <div className="salle-fieldset__element">
          <TextField
            formId={formId}
            name="name"
            label="Nom de l’organisation"
            autoComplete={enteredByStaff ? 'off' : 'organization'}
            value={form.name}
            onChange={(e) => update('name', e.target.value)}
            error={errors['name']}
          />
        </div>
        <div className="salle-fieldset__element">
          <SelectField
            formId={formId}
            name="kind"
            label="Type d’organisation"
            options={Object.entries(RENTER_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
            value={form.kind}
            onChange={(e) => update('kind', e.target.value)}
            error={errors['kind']}
          />
        </div>
        <div className="salle-fieldset__element">
          <RadioGroup
            formId={formId}
            name="identifierType"
            legend="Numéro d’identification"
            inline
            options={[
              { value: 'rna', label: 'RNA (associations)' },
              { value: 'siren', label: 'SIREN' },
            ]}
            value={form.identifierType}
            onChange={(value) => update('identifierType', value as OrganisationForm['identifierType'])}
          />
          <TextField
            formId={formId}
            name="identifier"
            label={form.identifierType === 'rna' ? 'Numéro RNA' : 'Numéro SIREN'}
            hint={
              form.identifierType === 'rna'
                ? 'La lettre W suivie de 9 chiffres, par exemple W381234567'
                : '9 chiffres, par exemple 123 456 789'
            }
            value={form.identifier}
            onChange={(e) => update('identifier', e.target.value)}
            error={errors['identifier']}
          />
        </div>
        <div className="salle-fieldset__element">
          <TextField
            formId={formId}
            name="address"
            label="Adresse"
            hint="Facultatif"
            autoComplete={enteredByStaff ? 'off' : 'street-address'}
            value={form.address}
            onChange={(e) => update('address', e.target.value)}
            error={errors['address']}
          />
        </div>
        <div className="salle-fieldset__element salle-fieldset__element--inline">
          <TextField
            formId={formId}
            name="postalCode"
            label="Code postal"
            autoComplete={enteredByStaff ? 'off' : 'postal-code'}
            inputMode="numeric"
            value={form.postalCode}
            onChange={(e) => update('postalCode', e.target.value)}
            error={errors['postalCode']}
          />
        </div>
        <div className="salle-fieldset__element salle-fieldset__element--inline">
          <TextField
            formId={formId}
            name="communeName"
            label="Commune"
            autoComplete={enteredByStaff ? 'off' : 'address-level2'}
            value={form.communeName}
            onChange={(e) => update('communeName', e.target.value)}
            error={errors['communeName']}
          />
        </div>
      </fieldset>
      <fieldset className="salle-fieldset">
        <legend className="salle-fieldset__legend">Conditions d’accès</legend>
        <div className="salle-fieldset__element">
          <SingleCheckbox
            formId={formId}
            name="eligibility.notReligious"
            label="L’organisation n’a pas d’objet cultuel."
            checked={form.notReligious}
            onChange={(checked) => update('notReligious', checked)}
            error={errors['eligibility.notReligious']}
          />
        </div>
        <div className="salle-fieldset__element">
          <SingleCheckbox
            formId={formId}
            name="eligibility.notPolitical"
            label="L’organisation n’a pas d’objet politique."
            checked={form.notPolitical}
            onChange={(checked) => update('notPolitical', checked)}
            error={errors['eligibility.notPolitical']}
          />
        </div>
        <div className="salle-fieldset__element">
          <SingleCheckbox
            formId={formId}
            name="eligibility.notProfitMaking"
            label="Les activités prévues ne sont pas lucratives."
            checked={form.notProfitMaking}
            onChange={(checked) => update('notProfitMaking', checked)}
            error={errors['eligibility.notProfitMaking']}
          />
        </div>
        <div className="salle-fieldset__element">
          <SingleCheckbox
            formId={formId}
            name="republicanContractAcknowledged"
            label="L’organisation respecte le contrat d’engagement républicain."
            hint="Respect des lois de la République, de la liberté de conscience, de l’égalité et de la dignité des personnes."
            checked={form.republicanContractAcknowledged}
            onChange={(checked) => update('republicanContractAcknowledged', checked)}
            error={errors['republicanContractAcknowledged']}
          />
        </div>
      </fieldset>
      <fieldset className="salle-fieldset">
        <legend className="salle-fieldset__legend">Assurance responsabilité civile</legend>
        <div className="salle-fieldset__element">
          <TextField
            formId={formId}
            name="insuranceReference"
            label="Référence du contrat d’assurance"
            hint="Assureur et numéro de contrat"
            value={form.insuranceReference}
            onChange={(e) => update('insuranceReference', e.target.value)}
            error={errors['insuranceReference']}
          />
        </div>
        <div className="salle-fieldset__element">
          <TextField
            formId={formId}
            name="insuranceExpiresOn"
            label="Fin de validité de l’assurance"
            type="date"
            value={form.insuranceExpiresOn}
            onChange={(e) => update('insuranceExpiresOn', e.target.value)}
            error={errors['insuranceExpiresOn']}
          />
        </div>
      </fieldset>
      <fieldset className="salle-fieldset">
        <legend className="salle-fieldset__legend">
          Personne à contacter
          <span className="salle-hint-text">
            {enteredByStaff
              ? 'Facultatif, mais c’est à cette adresse e-mail qu’est envoyé le code qui permettra à l’organisme de se connecter et de retrouver ses réservations.'
              : 'Facultatif\u00a0: les collèges où vous réservez la voient pour vous joindre au sujet d’une réservation.'}
          </span>
        </legend>
        {(
          [
            ['contactName', 'Nom de la personne à contacter', 'text', 'name'],
            ['contactPhone', 'Téléphone', 'tel', 'tel'],
            ['contactEmail', 'Adresse e-mail', 'email', 'email'],
          ] as const
        ).map(([name, label, type, autoComplete]) => (
          <div className="salle-fieldset__element" key={name}>
            <TextField
              formId={formId}
              name={name}
              label={label}
              type={type}
              autoComplete={enteredByStaff ? 'off' : autoComplete}
              value={form[name]}
              onChange={(e) => update(name, e.target.value)}
              error={errors[name]}
            />
          </div>
        ))}
        <div className="salle-fieldset__element">
          <SingleCheckbox
            formId={formId}
            name="contactSmsConsent"
            label="Ce numéro de mobile accepte de recevoir des SMS du service."
            hint={
              'Facultatif. Seulement ce qui ne peut attendre (demande acceptée, annulation par le collège, rappels)\u00a0; jamais de publicité.'
            }
            checked={form.contactSmsConsent}
            onChange={(checked) => update('contactSmsConsent', checked)}
            error={errors['contactSmsConsent']}
          />
        </div>
      </fieldset>
    </>
  );
}
