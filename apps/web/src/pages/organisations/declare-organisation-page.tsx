import type { OrganisationView } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { bookingApi } from '../../api/booking-api';
import { useSession } from '../../app/session';
import { RadioGroup, SelectField, SingleCheckbox, TextField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { ClaimForm } from './claim-form';
import { useFocusAfterRender } from '../../components/use-focus-after-render';
import { useAction } from '../../components/use-action';
import { mapFieldErrors } from '../../lib/form-errors';
import { RENTER_CATEGORY_LABELS } from '../../lib/labels';
import {
  buildOrganisationDeclaration,
  EMPTY_ORGANISATION_FORM,
  ORGANISATION_ALIASES,
  ORGANISATION_FIELDS,
  type OrganisationForm,
} from './declare-organisation-model';
import { Alert, Button } from '../../ui';

const FORM_ID = 'organisation';

export function DeclareOrganisationPage() {
  const session = useSession();
  const [form, setForm] = useState<OrganisationForm>(EMPTY_ORGANISATION_FORM);
  const { busy, error, setError, run } = useAction();
  const [declared, setDeclared] = useState<OrganisationView | null>(null);
  const [doneRef, focusDoneSoon] = useFocusAfterRender<HTMLDivElement>();
  const update = <K extends keyof OrganisationForm>(field: K, value: OrganisationForm[K]) =>
    setForm((current) => ({ ...current, [field]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const built = buildOrganisationDeclaration(form);
    if (!built.ok)
      return setError(
        new ApiError({
          title: 'Le formulaire contient des erreurs.',
          status: 400,
          code: 'validation_failed',
          errors: built.errors,
        }),
      );
    return run(async () => {
      setDeclared(await bookingApi.declareOrganisation(built.body));
      await session.refresh();
      focusDoneSoon();
    });
  };

  if (declared) {
    return (
      <div ref={doneRef} tabIndex={-1} className="salle-focus-target">
        <h1>Organisation déclarée</h1>
        <Alert
          severity="success"
          title={`${declared.name} est enregistrée.`}
          description={
            'Le département va la vérifier. Vous pouvez déjà chercher un créneau et envoyer une demande\u00a0: le collège la traitera une fois l’organisation vérifiée.'
          }
        />
        <ul className="salle-btns-group salle-btns-group--inline-md salle-mt-3w">
          <li>
            <Button linkProps={{ href: '/' }}>Rechercher une salle</Button>
          </li>
          <li>
            <Button priority="secondary" linkProps={{ href: '/organisations' }}>
              Mes organisations
            </Button>
          </li>
        </ul>
      </div>
    );
  }

  const errors = mapFieldErrors(error?.fieldErrors, Object.keys(ORGANISATION_FIELDS), ORGANISATION_ALIASES).byField;
  return (
    <>
      <h1>Déclarer une organisation</h1>
      <p>
        Vous réservez au nom d’une association ou d’une organisation&nbsp;: déclarez-la une fois, le département la
        vérifie. Tous les champs sont obligatoires sauf mention contraire.
      </p>
      {error?.code === 'organisation_exists' && <ClaimForm number={form.identifier} />}
      <form id={FORM_ID} onSubmit={onSubmit} noValidate>
        <ProblemAlert
          error={error}
          form={{ id: FORM_ID, fields: ORGANISATION_FIELDS, aliases: ORGANISATION_ALIASES }}
        />
        <fieldset className="salle-fieldset">
          <legend className="salle-fieldset__legend">Identité</legend>
          <div className="salle-fieldset__element">
            <TextField
              formId={FORM_ID}
              name="name"
              label="Nom de l’organisation"
              autoComplete="organization"
              value={form.name}
              onChange={(e) => update('name', e.target.value)}
              error={errors['name']}
            />
          </div>
          <div className="salle-fieldset__element">
            <SelectField
              formId={FORM_ID}
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
              formId={FORM_ID}
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
              formId={FORM_ID}
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
              formId={FORM_ID}
              name="address"
              label="Adresse"
              hint="Facultatif"
              autoComplete="street-address"
              value={form.address}
              onChange={(e) => update('address', e.target.value)}
              error={errors['address']}
            />
          </div>
          <div className="salle-fieldset__element salle-fieldset__element--inline">
            <TextField
              formId={FORM_ID}
              name="postalCode"
              label="Code postal"
              autoComplete="postal-code"
              inputMode="numeric"
              value={form.postalCode}
              onChange={(e) => update('postalCode', e.target.value)}
              error={errors['postalCode']}
            />
          </div>
          <div className="salle-fieldset__element salle-fieldset__element--inline">
            <TextField
              formId={FORM_ID}
              name="communeName"
              label="Commune"
              autoComplete="address-level2"
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
              formId={FORM_ID}
              name="eligibility.notReligious"
              label="L’organisation n’a pas d’objet cultuel."
              checked={form.notReligious}
              onChange={(checked) => update('notReligious', checked)}
              error={errors['eligibility.notReligious']}
            />
          </div>
          <div className="salle-fieldset__element">
            <SingleCheckbox
              formId={FORM_ID}
              name="eligibility.notPolitical"
              label="L’organisation n’a pas d’objet politique."
              checked={form.notPolitical}
              onChange={(checked) => update('notPolitical', checked)}
              error={errors['eligibility.notPolitical']}
            />
          </div>
          <div className="salle-fieldset__element">
            <SingleCheckbox
              formId={FORM_ID}
              name="eligibility.notProfitMaking"
              label="Les activités prévues ne sont pas lucratives."
              checked={form.notProfitMaking}
              onChange={(checked) => update('notProfitMaking', checked)}
              error={errors['eligibility.notProfitMaking']}
            />
          </div>
          <div className="salle-fieldset__element">
            <SingleCheckbox
              formId={FORM_ID}
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
              formId={FORM_ID}
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
              formId={FORM_ID}
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
              Facultatif&nbsp;: les collèges où vous réservez la voient pour vous joindre au sujet d’une réservation.
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
                formId={FORM_ID}
                name={name}
                label={label}
                type={type}
                autoComplete={autoComplete}
                value={form[name]}
                onChange={(e) => update(name, e.target.value)}
                error={errors[name]}
              />
            </div>
          ))}
          <div className="salle-fieldset__element">
            <SingleCheckbox
              formId={FORM_ID}
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
        <Button type="submit" disabled={busy}>
          {busy ? 'Envoi…' : 'Déclarer l’organisation'}
        </Button>
      </form>
    </>
  );
}
