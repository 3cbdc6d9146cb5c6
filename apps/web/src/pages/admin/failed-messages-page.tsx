import { failedMessages } from '../../api/notification-api';
import { Link } from '../../app/router';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { MESSAGE_COLUMNS } from '../../lib/message-labels';
import { formatDateTime } from '../../lib/paris-time';
import { ResponsiveTable } from '../../ui';

/** The messages that reached nobody, with the reason, for the département's admins to act on. */
export function FailedMessagesPage() {
  const failed = useAsync((signal) => failedMessages({ signal }), []);
  const items = failed.data?.items ?? [];
  return (
    <>
      <h1>Messages non remis</h1>
      <p>
        Les courriels abandonnés après plusieurs essais ou refusés par le serveur de messagerie, les plus récents
        d’abord. La raison indique s’il faut corriger une adresse ou vérifier le serveur d’envoi.
      </p>
      {failed.loading && <Loading label="Chargement des messages…" />}
      <ProblemAlert error={failed.error} />
      {failed.data && (
        <p role="status">
          {items.length === 0
            ? 'Aucun message non remis.'
            : `${items.length} message${items.length > 1 ? 's' : ''} non remis.`}
        </p>
      )}
      {items.length > 0 && (
        <ResponsiveTable
          caption="Messages non remis"
          captionHidden
          rows={items}
          rowKey={(message) => message.id}
          columns={[
            ...MESSAGE_COLUMNS,
            { header: 'Abandonné le', cell: (message) => formatDateTime(message.at) },
            { header: 'Essais', cell: (message) => message.attempts },
            { header: 'Raison', cell: (message) => message.reason ?? '—' },
            {
              header: 'Réservation',
              cell: (message) =>
                message.bookingId ? <Link href={`/reservations/${message.bookingId}`}>Voir</Link> : '—',
            },
          ]}
        />
      )}
    </>
  );
}
