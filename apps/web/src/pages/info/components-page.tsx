import { useState } from 'react';
import { SelectField, TextField } from '../../components/form-fields';
import {
  Alert,
  Badge,
  Breadcrumb,
  Button,
  CallOut,
  CheckboxGroup,
  ConnectButton,
  Pagination,
  RadioGroup,
  ResponsiveTable,
  SingleCheckbox,
  Tile,
  type TableColumn,
} from '../../ui';
import { ComboBoxField } from '../../ui/combo-box';
import { DatePicker } from '../../ui/date-picker';
import { DateField, TimeField } from '../../ui/date-time-fields';
import { Dialog } from '../../ui/dialog';
import { Tabs } from '../../ui/tabs';
import { showToast } from '../../ui/toast-queue';

const FORM_ID = 'exemple';
const DAYS = [
  { value: 'mon', label: 'lundi' },
  { value: 'tue', label: 'mardi' },
  { value: 'wed', label: 'mercredi' },
];

interface SampleRow {
  slot: string;
  space: string;
  status: 'confirmée' | 'à payer';
  price: string;
}

const SAMPLE_ROWS: SampleRow[] = [
  { slot: 'mardi 12 janvier, 18\u00a0h – 20\u00a0h', space: 'Gymnase', status: 'confirmée', price: '24,00\u00a0€' },
  { slot: 'mardi 19 janvier, 18\u00a0h – 20\u00a0h', space: 'Gymnase', status: 'à payer', price: '24,00\u00a0€' },
];

const SAMPLE_COMMUNES = [
  { value: '38151', label: 'Échirolles' },
  { value: '38185', label: 'Grenoble' },
  { value: '38382', label: 'Saint-Égrève' },
  { value: '38421', label: 'Saint-Martin-d’Hères' },
  { value: '38563', label: 'Vienne' },
];

const SAMPLE_COLUMNS: TableColumn<SampleRow>[] = [
  { header: 'Créneau', cell: (row) => row.slot },
  { header: 'Espace', cell: (row) => row.space },
  {
    header: 'Statut',
    cell: (row) => (
      <Badge small as="span" severity={row.status === 'confirmée' ? 'success' : 'warning'}>
        {row.status}
      </Badge>
    ),
  },
  { header: 'Prix', cell: (row) => row.price },
];

/** The skip links are the layout's, shown only when focused: this moves the focus to the first one. */
const focusSkipLinks = () => document.querySelector<HTMLAnchorElement>('.salle-skiplinks a')?.focus();

/** Every component of the app in its states, so that a theme or a change is checked at a glance. */
export function ComponentsPage() {
  const [days, setDays] = useState<string[]>(['tue']);
  const [kind, setKind] = useState('association');
  const [accepted, setAccepted] = useState(false);
  const [date, setDate] = useState('2026-12-06');
  const [time, setTime] = useState('18:00');
  const [commune, setCommune] = useState('');
  const [pickedDate, setPickedDate] = useState('2026-12-08');
  return (
    <>
      <Breadcrumb
        currentPageLabel="Composants"
        homeLinkProps={{ href: '/' }}
        segments={[{ label: 'Plan du site', linkProps: { href: '/plan-du-site' } }]}
      />
      <h1>Composants</h1>
      <p className="salle-text--lead">Les composants de l’application, avec les couleurs du thème en cours.</p>

      <h2>Boutons</h2>
      <ul className="salle-btns-group salle-btns-group--inline-sm">
        <li>
          <Button>Principal</Button>
        </li>
        <li>
          <Button priority="secondary">Secondaire</Button>
        </li>
        <li>
          <Button priority="tertiary">Tertiaire</Button>
        </li>
        <li>
          <Button size="small">Petit</Button>
        </li>
        <li>
          <Button disabled>Indisponible</Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ href: '/regles' }}>
            Lien en forme de bouton
          </Button>
        </li>
      </ul>

      <h2>Alertes</h2>
      <Alert severity="info" title="Information" description="Un message qui informe, sans urgence." />
      <Alert severity="success" title="Succès" description="L’action a réussi." />
      <Alert severity="warning" title="Attention" description="Un point à vérifier avant de continuer." />
      <Alert severity="error" title="Erreur" description={'L’action n’a pas abouti\u00a0: corrigez puis réessayez.'} />
      <Alert severity="success" small closable description="Une alerte compacte que l’on peut masquer." />

      <h2>Étiquettes</h2>
      <ul className="salle-badges-group">
        {(['success', 'info', 'warning', 'error', 'new'] as const).map((severity) => (
          <li key={severity}>
            <Badge as="span" severity={severity}>
              {severity === 'new'
                ? 'nouveau'
                : severity === 'success'
                  ? 'confirmée'
                  : severity === 'info'
                    ? 'en attente'
                    : severity === 'warning'
                      ? 'à payer'
                      : 'refusée'}
            </Badge>
          </li>
        ))}
        <li>
          <Badge as="span" small>
            Gymnase
          </Badge>
        </li>
      </ul>

      <h2>Tuiles et encadrés</h2>
      <div className="salle-grid-row salle-grid-row--gutters salle-mb-3w">
        <div className="salle-col-12 salle-col-md-6">
          <Tile
            title="Rechercher une salle"
            desc="Gymnases, salles polyvalentes, salles de classe."
            linkProps={{ href: '/' }}
            orientation="horizontal"
            headingLevel="h3"
          />
        </div>
      </div>
      <CallOut title={'Une question\u00a0?'}>Un encadré qui met une information en avant.</CallOut>

      <h2>Tableau</h2>
      <p>En dessous de 600 pixels de large, chaque ligne devient une carte dont chaque valeur porte son intitulé.</p>
      <ResponsiveTable
        caption="Réservations d’exemple"
        rows={SAMPLE_ROWS}
        rowKey={(row) => row.slot}
        columns={SAMPLE_COLUMNS}
      />

      <h2>Champs de formulaire</h2>
      <form id={FORM_ID} onSubmit={(event) => event.preventDefault()} noValidate>
        <TextField formId={FORM_ID} name="nom" label="Nom de l’association" hint="Tel qu’il figure dans vos statuts" />
        <TextField
          formId={FORM_ID}
          name="courriel"
          label="Adresse électronique"
          error="Saisissez une adresse électronique, par exemple nom@exemple.fr."
        />
        <SelectField
          formId={FORM_ID}
          name="type"
          label="Type d’espace"
          options={[
            { value: '', label: 'Tous les types' },
            { value: 'gymnasium', label: 'Gymnase' },
          ]}
        />
        <CheckboxGroup
          formId={FORM_ID}
          name="jours"
          legend="Jours de la semaine"
          options={DAYS}
          values={days}
          onChange={setDays}
          inline
        />
        <RadioGroup
          formId={FORM_ID}
          name="categorie"
          legend="Vous êtes"
          options={[
            { value: 'association', label: 'Une association' },
            { value: 'commune', label: 'Une commune' },
          ]}
          value={kind}
          onChange={setKind}
        />
        <SingleCheckbox
          formId={FORM_ID}
          name="regles"
          label="J’ai lu les règles d’utilisation"
          checked={accepted}
          onChange={setAccepted}
          error={accepted ? undefined : 'Cochez cette case pour continuer.'}
        />
      </form>

      <h2>Dates et heures</h2>
      <p>
        Jour, mois et année, puis heures et minutes sur 24&nbsp;heures, toujours dans l’ordre français quelle que soit
        la langue du navigateur. Chaque partie se tape au clavier ou se règle avec les flèches haut et bas.
      </p>
      <form id={`${FORM_ID}-dates`} onSubmit={(event) => event.preventDefault()} noValidate>
        <div className="salle-grid-row salle-grid-row--gutters">
          <div className="salle-col-12 salle-col-md-4">
            <DateField id={`${FORM_ID}-date`} name="date" label="Date" value={date} onChange={setDate} />
          </div>
          <div className="salle-col-12 salle-col-md-4">
            <TimeField
              id={`${FORM_ID}-heure`}
              name="heure"
              label="Heure de début"
              hint="Facultatif"
              value={time}
              onChange={setTime}
            />
          </div>
          <div className="salle-col-12 salle-col-md-4">
            <DateField
              id={`${FORM_ID}-fin`}
              name="fin"
              label="Dernière séance"
              value=""
              onChange={() => undefined}
              error="Indiquez la date de la dernière séance."
            />
          </div>
        </div>
        <p>
          Valeurs envoyées&nbsp;: <code>{date || '(incomplète)'}</code>, <code>{time || '(incomplète)'}</code>
        </p>
      </form>
      <p>
        Le sélecteur de date ajoute un calendrier du mois, ouvert par le bouton à côté des chiffres&nbsp;: les flèches
        changent de jour ou de semaine, Page précédente et Page suivante de mois, Entrée choisit, Échap referme.
      </p>
      <DatePicker
        id={`${FORM_ID}-calendrier`}
        name="calendrier"
        label="Date de la première séance"
        hint="Les dates passées ne sont pas proposées."
        value={pickedDate}
        min="2026-12-01"
        onChange={setPickedDate}
      />

      <h2>Liste à filtrer</h2>
      <p>
        On tape quelques lettres, sans se soucier des accents ni des majuscules&nbsp;; les flèches parcourent la liste,
        Entrée choisit, Échap referme.
      </p>
      <ComboBoxField
        id={`${FORM_ID}-commune`}
        name="commune"
        label="Commune"
        hint="Laissé vide, toutes les communes."
        options={SAMPLE_COMMUNES}
        value={commune}
        onChange={setCommune}
        emptyLabel="Aucune commune de ce nom"
      />
      <p>
        Valeur envoyée&nbsp;: <code>{commune || '(aucune)'}</code>
      </p>

      <h2>Onglets</h2>
      <p>Un seul arrêt de tabulation&nbsp;; les flèches passent d’un onglet à l’autre.</p>
      <Tabs
        label="Parties de l’espace"
        tabs={[
          { id: 'description', title: 'Description', content: <p>Gymnase de 400&nbsp;m², 60&nbsp;personnes.</p> },
          { id: 'horaires', title: 'Horaires', content: <p>Du lundi au vendredi, de 18&nbsp;h à 22&nbsp;h.</p> },
          { id: 'tarifs', title: 'Tarifs', content: <p>16,00&nbsp;€ de l’heure pour une association.</p> },
        ]}
      />

      <h2>Pagination</h2>
      <Pagination page={5} pages={12} hrefOf={(page) => `/composants?page=${page}`} />

      <h2>Notifications</h2>
      <p>
        Le résultat d’une action qui laisse la personne où elle est, annoncé aux lecteurs d’écran&nbsp;; F6 atteint la
        zone des notifications.
      </p>
      <Button priority="secondary" onClick={() => showToast('Horaires enregistrés.')}>
        Afficher une notification
      </Button>

      <h2>Fenêtre de dialogue</h2>
      <p>
        Le focus y entre et y reste tant qu’elle est ouverte&nbsp;; Échap la ferme et rend le focus au bouton qui l’a
        ouverte.
      </p>
      <Dialog triggerLabel="Annuler la réservation" title="Confirmer l’annulation">
        {(close) => (
          <>
            <p>Aucun paiement n’a été effectué&nbsp;: l’annulation est sans frais.</p>
            <ul className="salle-btns-group salle-btns-group--inline-sm">
              <li>
                <Button onClick={close}>Confirmer l’annulation</Button>
              </li>
              <li>
                <Button priority="secondary" onClick={close}>
                  Retour
                </Button>
              </li>
            </ul>
          </>
        )}
      </Dialog>

      <h2>Liens d’évitement</h2>
      <p>
        Les premiers liens de chaque page, «&nbsp;Accès rapide&nbsp;» au contenu, au menu et au pied de page,
        n’apparaissent que lorsqu’ils reçoivent le focus&nbsp;: la touche Tab les atteint dès l’arrivée sur la page.
      </p>
      <Button priority="secondary" onClick={focusSkipLinks}>
        Montrer les liens d’évitement de cette page
      </Button>

      <h2>Boutons des fédérations d’identité</h2>
      <p>Leurs propres boutons, que le thème ne change pas.</p>
      <ConnectButton federation="franceconnect" onClick={() => undefined} />
      <ConnectButton federation="proconnect" onClick={() => undefined} />
    </>
  );
}
