import { useState, type FormEvent } from 'react';
import { NOTIFICATION_KIND_LABELS, type MyPreferences, type Preference } from '@salle/contracts/notification';
import { myDigest, myPreferences, saveMyChoice, saveMyDigest, saveMyPhone } from '../../api/notification-api';
import { useSession } from '../../app/session';
import { SingleCheckbox, TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { formatPhoneNumber } from '../../lib/phone';
import { Button } from '../../ui';

const formId = 'coordonnees';

/** The phone number and the consent to SMS, saved together. */
function PhoneForm({ preferences, onSaved }: { preferences: MyPreferences; onSaved: (next: MyPreferences) => void }) {
  const [phone, setPhone] = useState(preferences.contacts.phone ? formatPhoneNumber(preferences.contacts.phone) : '');
  const [smsConsent, setSmsConsent] = useState(preferences.contacts.smsConsent);
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => onSaved(await saveMyPhone(phone.trim() || null, smsConsent && Boolean(phone.trim()))));
  };
  return (
    <form id={formId} onSubmit={submit} noValidate>
      <ProblemAlert error={error} form={{ id: formId, fields: { phone: 'Numéro de téléphone' } }} />
      <TextField
        formId={formId}
        name="phone"
        type="tel"
        autoComplete="tel"
        label="Numéro de téléphone (facultatif)"
        hint="Un numéro de mobile, par exemple 06 12 34 56 78, pour recevoir des SMS."
        value={phone}
        onChange={(event) => setPhone(event.target.value)}
      />
      <SingleCheckbox
        formId={formId}
        name="smsConsent"
        label="J’accepte de recevoir des SMS"
        hint="Seulement pour ce qui ne peut pas attendre (demande acceptée à payer, annulation par le collège), jamais entre 20 h et 8 h. Vous pouvez retirer votre accord à tout moment."
        checked={smsConsent}
        onChange={setSmsConsent}
      />
      <Button type="submit" disabled={busy}>
        Enregistrer mes coordonnées
      </Button>
    </form>
  );
}

/** For collège managers: one e-mail a day listing the requests awaiting a decision, instead of one per request. */
function DigestChoice() {
  const digest = useAsync((signal) => myDigest(signal), []);
  const { busy, error, run } = useAction();
  if (!digest.data) return digest.loading ? null : <ProblemAlert error={digest.error} focus={false} />;
  const { daily, hour } = digest.data;
  return (
    <>
      <h2 className="salle-h4 salle-mt-3w">Demandes de réservation de mon collège</h2>
      <ProblemAlert error={error} focus={false} />
      <SingleCheckbox
        formId="recapitulatif"
        name="daily"
        label="Recevoir un récapitulatif quotidien des demandes plutôt qu’un courriel par demande"
        hint={`Chaque jour à partir de ${hour}\u00a0h, la liste des demandes qui attendent votre décision.`}
        checked={daily}
        onChange={(next) => void run(async () => digest.setData(await saveMyDigest(next)))}
      />
      {busy && <p role="status">Enregistrement…</p>}
    </>
  );
}

/** One line of the table: a kind of message, by e-mail and by SMS. */
function ChoiceRow({
  item,
  smsConsent,
  busy,
  onChange,
}: {
  item: Preference;
  smsConsent: boolean;
  busy: boolean;
  onChange: (channel: 'email' | 'sms', enabled: boolean) => void;
}) {
  const label = NOTIFICATION_KIND_LABELS[item.kind];
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        {item.mandatory ? (
          <span>Toujours envoyé</span>
        ) : (
          <input
            type="checkbox"
            aria-label={`${label} par courriel`}
            checked={item.email}
            disabled={busy}
            onChange={(event) => onChange('email', event.target.checked)}
          />
        )}
      </td>
      <td>
        {item.sms === null ? (
          <span aria-label="Pas de SMS pour ce message">–</span>
        ) : (
          <input
            type="checkbox"
            aria-label={`${label} par SMS`}
            checked={item.sms}
            disabled={busy || !smsConsent}
            onChange={(event) => onChange('sms', event.target.checked)}
          />
        )}
      </td>
    </tr>
  );
}

/**
 * « Mon compte », messages: the contacts the notification service writes to,
 * and which messages the person receives by e-mail and SMS. The messages a
 * booking cannot work without are always sent by e-mail, and shown as such.
 */
export function NotificationSettings() {
  const preferences = useAsync((signal) => myPreferences(signal), []);
  const { busy, error, run } = useAction();
  const { me } = useSession();
  const manager = (me?.establishments.length ?? 0) > 0;
  if (preferences.loading && !preferences.data) return <Loading label="Chargement de vos préférences…" />;
  if (!preferences.data) return <ProblemAlert error={preferences.error} />;
  const data = preferences.data;
  const change = (item: Preference, channel: 'email' | 'sms', enabled: boolean) =>
    void run(async () => preferences.setData(await saveMyChoice(item.kind, channel, enabled)));
  return (
    <>
      <h2 className="salle-h4">Mes coordonnées pour les messages</h2>
      <p>
        Adresse électronique&nbsp;:{' '}
        {data.contacts.email ?? 'celle de votre fournisseur d’identité, connue à votre prochaine connexion'}
      </p>
      <PhoneForm preferences={data} onSaved={preferences.setData} />
      {manager && <DigestChoice />}
      <h2 className="salle-h4 salle-mt-3w">Messages que je reçois</h2>
      <p>Les messages dont une réservation ne peut se passer vous sont toujours envoyés par courriel.</p>
      {!data.contacts.smsConsent && (
        <p>Pour recevoir des SMS, indiquez un numéro de mobile et donnez votre accord ci-dessus.</p>
      )}
      <ProblemAlert error={error} focus={false} />
      <div className="salle-table">
        <table>
          <caption className="salle-sr-only">Messages reçus par courriel et par SMS</caption>
          <thead>
            <tr>
              <th scope="col">Message</th>
              <th scope="col">Courriel</th>
              <th scope="col">SMS</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <ChoiceRow
                key={item.kind}
                item={item}
                smsConsent={data.contacts.smsConsent}
                busy={busy}
                onChange={(channel, enabled) => change(item, channel, enabled)}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
