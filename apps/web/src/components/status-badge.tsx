import type { BookingStatus } from '@salle/contracts';
import { BOOKING_STATUS, ORGANISATION_STATUS, type BadgeSeverity } from '../lib/labels';
import { Badge } from '../ui';

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const { label, severity } = BOOKING_STATUS[status] ?? { label: status, severity: 'info' as BadgeSeverity };
  return (
    <Badge severity={severity} small as="span">
      {label}
    </Badge>
  );
}

export function OrganisationStatusBadge({ status }: { status: string }) {
  const { label, severity } = ORGANISATION_STATUS[status] ?? { label: status, severity: 'info' as BadgeSeverity };
  return (
    <Badge severity={severity} small as="span">
      {label}
    </Badge>
  );
}
