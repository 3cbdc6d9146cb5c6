import { useState, type FormEvent } from 'react';
import type { ListedContact } from '@salle/contracts/notification';
import { establishmentContact, saveEstablishmentContactPhone } from '../../api/notification-api';
import { SingleCheckbox, TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { formatPhoneNumber } from '../../lib/phone';
import { Button } from '../../ui';

const formId = 'contact-college';
const NB = '\u00a0';

function ContactPhoneForm({
  establishmentId,
  contact,
  onSaved,
}: {
  establishmentId: string;
  contact: ListedContact;
  onSaved: (next: ListedContact) => void;
}) {
  const [phone, setPhone] = useState(contact.phone ? formatPhoneNumber(contact.phone) : '');
  const [smsConsent, setSmsConsent] = useState(contact.smsConsent);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void run(async () => {
      onSaved(
        await saveEstablishmentContactPhone(establishmentId, phone.trim() || null, smsConsent && Boolean(phone.trim())),
      );
      setSaved(true);
    });
  };
  return (
    <form id={formId} onSubmit={submit} noValidate>
      <ProblemAlert error={error} form={{ id: formId, fields: { phone: 'Numéro de téléphone du contact' } }} />
      <TextField
        formId={formId}
        name="phone"
        type="tel"
        autoComplete="off"
        label="Numéro de téléphone du contact (facultatif)"
        hint="Un numéro de mobile, par exemple 06 12 34 56 78, pour les rappels par SMS."
        value={phone}
        onChange={(event) => setPhone(event.target.value)}
      />
      <SingleCheckbox
        formId={formId}
        name="smsConsent"
        label="La personne qui lit cette adresse a accepté de recevoir des SMS"
        hint={`Son accord est enregistré avec la date et votre nom. Pas de SMS entre 20${NB}h et 8${NB}h.`}
        checked={smsConsent}
        onChange={setSmsConsent}
      />
      <Button type="submit" disabled={busy}>
        Enregistrer le numéro du contact
      </Button>
      {saved && <p role="status">Numéro du contact enregistré.</p>}
    </form>
  );
}

/**
 * The collège's contact address, where its messages go besides its
 * managers', and the phone number its managers give it for SMS.
 */
export function ContactPhonePanel({ establishmentId }: { establishmentId: string }) {
  const contact = useAsync((signal) => establishmentContact(establishmentId, signal), [establishmentId]);
  if (contact.loading && !contact.data) return <Loading label="Chargement du contact du collège…" />;
  if (!contact.data)
    return contact.error?.code === 'no_contact_address' ? (
      <p>Le collège n’a pas encore d’adresse de contact&nbsp;: les messages vont à ses gestionnaires.</p>
    ) : (
      <ProblemAlert error={contact.error} focus={false} />
    );
  return (
    <>
      <p>Adresse de contact&nbsp;: {contact.data.email}</p>
      <ContactPhoneForm establishmentId={establishmentId} contact={contact.data} onSaved={contact.setData} />
    </>
  );
}
