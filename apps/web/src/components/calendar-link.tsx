import { useState } from 'react';
import { bookingApi, calendarFeedUrl } from '../api/booking-api';
import { CopyField } from './copy-field';
import { ProblemAlert } from './problem-alert';
import { useAction } from './use-action';
import { Button } from '../ui';

/**
 * The private ICS feed of an organisation or a collège: shown on demand,
 * copied into a calendar application; a new link revokes the old one.
 */
export function CalendarLink({
  owner,
  id,
  name,
}: {
  owner: 'organisations' | 'establishments';
  id: string;
  name: string;
}) {
  const [url, setUrl] = useState<string | null>(null);
  const action = useAction();
  const { busy, error } = action;
  const run = (load: () => Promise<{ path: string }>) =>
    action.run(async () => setUrl(calendarFeedUrl((await load()).path)));
  return (
    <div className="salle-mt-2w">
      <ProblemAlert error={error} focus={false} />
      {url ? (
        <>
          <CopyField
            label={`Lien d’agenda (ICS) de ${name}`}
            value={url}
            hint="À ajouter dans votre agenda (Outlook, Google Agenda, Thunderbird…) comme agenda par abonnement. Ne le partagez qu’avec les personnes concernées."
          />
          <Button
            priority="tertiary"
            size="small"
            className="salle-mt-1w"
            disabled={busy}
            onClick={() => {
              if (window.confirm('Créer un nouveau lien\u00a0? L’ancien cessera aussitôt de fonctionner.'))
                void run(() => bookingApi.rotateCalendarLink(owner, id));
            }}
          >
            Créer un nouveau lien
          </Button>
        </>
      ) : (
        <Button
          priority="secondary"
          size="small"
          disabled={busy}
          onClick={() => void run(() => bookingApi.calendarLink(owner, id))}
        >
          Obtenir le lien d’agenda (ICS)
        </Button>
      )}
    </div>
  );
}
