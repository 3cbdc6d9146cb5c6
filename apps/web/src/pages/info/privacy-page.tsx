import { PROCESSING_REGISTER, retentionText, type Processing, type RetentionSettings } from '@salle/contracts/privacy';
import { fetchRetentionPeriods } from '../../api/personal-data-api';
import { Link } from '../../app/router';
import { useSiteConfig } from '../../app/site-context';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { Contact } from './contact';

function Items({ items }: { items: readonly string[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** One processing of the register; its retention with this deployment's periods once they are known. */
function ProcessingSection({ processing, periods }: { processing: Processing; periods: RetentionSettings | null }) {
  return (
    <section aria-labelledby={`traitement-${processing.id}`}>
      <h3 id={`traitement-${processing.id}`}>{processing.name}</h3>
      <dl>
        <dt>Finalité</dt>
        <dd>{processing.purpose}</dd>
        <dt>Base légale</dt>
        <dd>{processing.legalBasis}</dd>
        <dt>Personnes concernées</dt>
        <dd>
          <Items items={processing.persons} />
        </dd>
        <dt>Données traitées</dt>
        <dd>
          <Items items={processing.data} />
        </dd>
        <dt>Destinataires</dt>
        <dd>
          <Items items={processing.recipients} />
        </dd>
        <dt>Durées de conservation</dt>
        <dd>
          {periods ? (
            <Items items={processing.retention.map((entry) => retentionText(entry, periods))} />
          ) : (
            <p>Durées en cours de chargement.</p>
          )}
        </dd>
        <dt>Transferts</dt>
        <dd>{processing.transfers}</dd>
      </dl>
    </section>
  );
}

/** The processings of the register, as the page lists them (`periods` null while they load). */
export function ProcessingRegister({ periods }: { periods: RetentionSettings | null }) {
  return (
    <>
      {PROCESSING_REGISTER.map((processing) => (
        <ProcessingSection key={processing.id} processing={processing} periods={periods} />
      ))}
    </>
  );
}

/**
 * « Données personnelles »: who is responsible (site configuration), each processing of the product's register
 * with this deployment's retention periods (from the gateway), the rights and how to exercise them, the CNIL.
 */
export function PrivacyPage() {
  const config = useSiteConfig();
  const data = config.legal.personalData;
  const periods = useAsync((signal) => fetchRetentionPeriods(signal), []);
  return (
    <>
      <h1>Données personnelles</h1>
      <h2>Responsable du traitement</h2>
      <p>{data.controller}</p>
      <h2>Délégué à la protection des données</h2>
      <p>
        <Contact value={data.dpoContact} />
      </p>
      <h2>Ce que le service fait de vos données</h2>
      {periods.loading && <Loading label="Chargement des durées de conservation…" />}
      <ProblemAlert error={periods.error} focus={false} />
      <ProcessingRegister periods={periods.data ?? null} />
      <h2>Cookies</h2>
      <p>
        Ce service n’utilise que des cookies nécessaires à la connexion, sans mesure d’audience ni publicité&nbsp;:
        aucun consentement n’est donc demandé. <Link href="/cookies">La liste des cookies</Link>.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous disposez d’un droit d’accès, de rectification, d’effacement, de limitation et d’opposition au traitement de
        vos données, et, pour les SMS, du droit de retirer votre consentement à tout moment.
      </p>
      <ul>
        <li>
          Consulter et télécharger vos données&nbsp;: <Link href="/compte/mes-donnees">mes données personnelles</Link>.
        </li>
        <li>
          Corriger vos coordonnées et vos choix de messages, supprimer votre compte&nbsp;:{' '}
          <Link href="/compte">mon compte</Link>.
        </li>
        <li>
          Pour toute autre demande&nbsp;: <Contact value={data.rightsContact} />.
        </li>
      </ul>
      <h2>Réclamation</h2>
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une
        réclamation à la Commission nationale de l’informatique et des libertés (CNIL), 3 place de Fontenoy, TSA 80715,
        75334 Paris cedex 07, ou en ligne sur <a href="https://www.cnil.fr/fr/plaintes">cnil.fr</a>.
      </p>
    </>
  );
}
