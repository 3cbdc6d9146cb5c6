const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `dattrans` (DDMMYYYY) and `heurtrans` (HHMM) in Paris time, as PayFiP writes them. */
export function payfipDateTime(epochMs: number): { dattrans: string; heurtrans: string } {
  const parts = Object.fromEntries(PARTS.formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]));
  return {
    dattrans: `${parts['day']}${parts['month']}${parts['year']}`,
    heurtrans: `${parts['hour']}${parts['minute']}`,
  };
}
