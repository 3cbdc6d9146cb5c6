import { useState, type FormEvent } from 'react';
import type { ContactClaimStartedView, OrganisationView } from '@salle/contracts';
import { followUpApi } from '../../api/follow-up-api';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { RadioGroup, TextField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { mapFieldErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/paris-time';
import { Alert, Button } from '../../ui';

const NUMBER_FORM = 'revendiquer-numero';
const CODE_FORM = 'revendiquer-code';
const NUMBER_FIELDS = { number: 'Numéro RNA ou SIREN de l’organisme' };
const CODE_FIELDS = { code: 'Code reçu (6 chiffres)' };

/**
 * « Revendiquer un organisme »: an organisation a collège registered for it (it phoned or came in) becomes
 * the caller's once they prove they are its contact, with the code sent to the contact's e-mail or mobile. Two steps
 * on one page: the identifier, then the code.
 */
export function ContactClaimPage() {
  const [number, setNumber] = useState('');
  const [started, setStarted] = useState<ContactClaimStartedView | null>(null);
  const [claimed, setClaimed] = useState<OrganisationView | null>(null);
  const { refresh } = useSession();
  if (claimed) {
    return (
      <>
        <h1>Revendiquer un organisme</h1>
        <Alert
          severity="success"
          className="salle-mb-3w"
          title={`Vous êtes maintenant responsable de «\u00a0${claimed.name}\u00a0».`}
          description={
            'Les réservations que le collège a saisies pour l’organisme sont dans «\u00a0Mes réservations\u00a0».'
          }
        />
        <Link href="/mes-reservations">Voir mes réservations</Link>
      </>
    );
  }
  return (
    <>
      <h1>Revendiquer un organisme</h1>
      <p>
        Un collège a enregistré votre association ou votre organisme sur le site, avec votre adresse électronique ou
        votre téléphone mobile comme contact&nbsp;? Revendiquez-le pour suivre ses réservations&nbsp;: nous envoyons un
        code à cette adresse ou par SMS à ce numéro.
      </p>
      <NumberStep number={number} setNumber={setNumber} onStarted={setStarted} />
      {started && (
        <CodeStep
          number={number}
          started={started}
          onClaimed={(organisation) => {
            setClaimed(organisation);
            void refresh();
          }}
        />
      )}
    </>
  );
}

function NumberStep({
  number,
  setNumber,
  onStarted,
}: {
  number: string;
  setNumber: (value: string) => void;
  onStarted: (view: ContactClaimStartedView) => void;
}) {
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const { busy, error, run } = useAction();
  const errors = mapFieldErrors(error?.fieldErrors, Object.keys(NUMBER_FIELDS)).byField;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => onStarted(await followUpApi.startContactClaim(number, channel)));
  };
  return (
    <form id={NUMBER_FORM} onSubmit={submit} noValidate className="salle-mb-3w">
      <ProblemAlert error={error} form={{ id: NUMBER_FORM, fields: NUMBER_FIELDS }} />
      <TextField
        formId={NUMBER_FORM}
        name="number"
        label={NUMBER_FIELDS.number}
        hint="Par exemple W381000123 ou 123456789"
        value={number}
        autoComplete="off"
        onChange={(e) => setNumber(e.target.value)}
        error={errors['number']}
      />
      <RadioGroup
        formId={NUMBER_FORM}
        name="channel"
        legend="Recevoir le code"
        value={channel}
        onChange={(value) => setChannel(value as 'email' | 'sms')}
        options={[
          { value: 'email', label: 'Par courriel, à l’adresse de contact de l’organisme' },
          { value: 'sms', label: 'Par SMS, au téléphone mobile de contact de l’organisme' },
        ]}
      />
      <Button type="submit" disabled={busy}>
        Recevoir un code
      </Button>
    </form>
  );
}

function CodeStep({
  number,
  started,
  onClaimed,
}: {
  number: string;
  started: ContactClaimStartedView;
  onClaimed: (organisation: OrganisationView) => void;
}) {
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();
  const errors = mapFieldErrors(error?.fieldErrors, Object.keys(CODE_FIELDS)).byField;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => onClaimed(await followUpApi.confirmContactClaim(number, code)));
  };
  return (
    <form id={CODE_FORM} onSubmit={submit} noValidate aria-labelledby={`${CODE_FORM}-titre`}>
      <h2 id={`${CODE_FORM}-titre`} className="salle-h5">
        Code envoyé pour «&nbsp;{started.organisationName}&nbsp;»
      </h2>
      <p role="status">
        Nous avons envoyé un code à {started.sentTo}. Il vaut jusqu’à {formatDateTime(started.expiresAt)} et ne sert
        qu’une fois.
      </p>
      <ProblemAlert error={error} form={{ id: CODE_FORM, fields: CODE_FIELDS }} />
      <TextField
        formId={CODE_FORM}
        name="code"
        label={CODE_FIELDS.code}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={errors['code']}
      />
      <Button type="submit" disabled={busy}>
        Revendiquer l’organisme
      </Button>
    </form>
  );
}
