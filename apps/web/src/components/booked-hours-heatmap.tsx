import type { StatisticsHeatmap } from '@salle/contracts';

const WEEKDAYS = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'];

/** Five colour steps (see `.salle-heatmap__level-*`): 0 for nothing booked, then quarters of the busiest cell. */
export function heatLevel(minutes: number, busiest: number): number {
  if (minutes <= 0 || busiest <= 0) return 0;
  return Math.min(4, Math.ceil((minutes / busiest) * 4));
}

const hoursText = (minutes: number) => (Math.round((minutes / 60) * 10) / 10).toLocaleString('fr-FR');

/** The hours to show: those with booked time, widened to 08h-22h, so that an empty period still reads as a grid. */
function shownHours(cells: StatisticsHeatmap['cells']): number[] {
  const booked = cells.map((cell) => cell.hour);
  const first = Math.min(8, ...booked);
  const last = Math.max(21, ...booked);
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/**
 * Booked hours per weekday and hour as a table (its own accessible
 * equivalent): each cell prints its value, the colour only repeats it. On a
 * narrow screen the table scrolls sideways inside a focusable region.
 */
export function BookedHoursHeatmap({ heatmap, csvUrl }: { heatmap: StatisticsHeatmap; csvUrl: string }) {
  const minutes = new Map(heatmap.cells.map((cell) => [`${cell.weekday}|${cell.hour}`, cell.bookedMinutes]));
  const busiest = Math.max(0, ...heatmap.cells.map((cell) => cell.bookedMinutes));
  const hours = shownHours(heatmap.cells);
  const caption = 'Heures réservées par jour de la semaine et par heure';
  return (
    <div className="salle-mb-3w">
      <h3 className="salle-h5">{caption}</h3>
      <p className="salle-text--sm">
        Chaque case donne les heures réservées sur la période dans ce créneau (par exemple le mardi de 18&nbsp;h à
        19&nbsp;h)&nbsp;; plus la case est foncée, plus le créneau est demandé.
      </p>
      <div className="salle-chart-scroll" role="region" aria-label={caption} tabIndex={0}>
        <table className="salle-heatmap">
          <caption className="salle-sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Jour</th>
              {hours.map((hour) => (
                <th key={hour} scope="col" abbr={`de ${hour} h à ${hour + 1} h`}>
                  {hour}&nbsp;h
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((day, index) => (
              <tr key={day}>
                <th scope="row">{day}</th>
                {hours.map((hour) => {
                  const value = minutes.get(`${index + 1}|${hour}`) ?? 0;
                  return (
                    <td key={hour} className={`salle-heatmap__level-${heatLevel(value, busiest)}`}>
                      {hoursText(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <a className="salle-link" href={csvUrl} download>
        Télécharger les heures réservées par jour et par heure (CSV)
      </a>
    </div>
  );
}
