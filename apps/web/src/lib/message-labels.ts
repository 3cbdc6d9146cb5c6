import type { ListedMessageStatus, NotificationChannel } from '@salle/contracts';

/** Where a message stands, as people read it. */
export const MESSAGE_STATUS_LABELS: Record<ListedMessageStatus, string> = {
  pending: 'En attente d’envoi',
  sending: 'En cours d’envoi',
  sent: 'Envoyé',
  delivered: 'Remis',
  failed: 'Non remis',
};

export const CHANNEL_LABELS: Record<NotificationChannel, string> = {
  email: 'Courriel',
  sms: 'SMS',
};
