import type { OrganisationView } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { bookingApi } from '../../api/booking-api';
import { useSession } from '../../app/session';
import { ProblemAlert } from '../../components/problem-alert';
import { ClaimForm } from './claim-form';
import { OrganisationFields } from './organisation-fields';
import { useFocusAfterRender } from '../../components/use-focus-after-render';
import { useAction } from '../../components/use-action';
import { mapFieldErrors } from '../../lib/form-errors';
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
        <OrganisationFields formId={FORM_ID} form={form} update={update} errors={errors} />
        <Button type="submit" disabled={busy}>
          {busy ? 'Envoi…' : 'Déclarer l’organisation'}
        </Button>
      </form>
    </>
  );
}
