import { useId } from 'react';

export interface Bar {
  /** Under the bar: short (« janv. »). */
  label: string;
  /** In the table read by screen readers (« janvier 2026 »); the label when absent. */
  fullLabel?: string;
  value: number;
}

/** The chart's labels are drawn at this size and the chart is never scaled down, so they stay readable. */
export const CHART_TEXT_PX = 14;

/**
 * Vertical bars drawn in SVG, nothing else: light, and colours follow the app's theme. The drawing is
 * never shrunk to fit (its labels would fall under 12 px): a narrow screen scrolls it sideways. It is
 * for the eyes only; screen readers get the same figures as a table (`chartTable`), headed by the title.
 */
export function BarChart({
  title,
  bars,
  format,
}: {
  title: string;
  bars: readonly Bar[];
  format: (value: number) => string;
}) {
  const id = useId();
  // 80 px a bar leaves room for an amount such as « 1 234,00 € » at 14 px above it.
  const width = Math.max(240, bars.length * 80);
  const height = 200;
  const top = 24;
  const bottom = 40;
  const left = 8;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = (width - left * 2) / Math.max(1, bars.length);
  const barWidth = Math.max(4, Math.min(48, slot * 0.6));
  const plot = height - top - bottom;
  return (
    <figure className="salle-my-3w" aria-labelledby={`${id}-c`}>
      {/* A year's bars (960 px) scroll sideways on a tablet or a phone: the keyboard must reach them too. */}
      <div className="salle-chart-scroll" tabIndex={0} role="group" aria-labelledby={`${id}-c`}>
        <svg
          className="salle-bars"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          aria-hidden="true"
          focusable="false"
        >
          <line className="salle-axis" x1={left} x2={width - left} y1={height - bottom} y2={height - bottom} />
          {bars.map((bar, index) => {
            const barHeight = (bar.value / max) * plot;
            const x = left + slot * index + (slot - barWidth) / 2;
            const y = height - bottom - barHeight;
            return (
              <g key={bar.label}>
                <rect className="salle-bar" x={x} y={y} width={barWidth} height={barHeight} />
                <text x={x + barWidth / 2} y={y - 6} textAnchor="middle" fontSize={CHART_TEXT_PX}>
                  {format(bar.value)}
                </text>
                <text x={x + barWidth / 2} y={height - bottom + 18} textAnchor="middle" fontSize={CHART_TEXT_PX}>
                  {bar.label}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption id={`${id}-c`} className="salle-text--sm">
        {title}
      </figcaption>
      <table className="salle-sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Période</th>
            <th scope="col">Valeur</th>
          </tr>
        </thead>
        <tbody>
          {bars.length === 0 ? (
            <tr>
              <td colSpan={2}>Aucune donnée.</td>
            </tr>
          ) : (
            bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.fullLabel ?? bar.label}</th>
                <td>{format(bar.value)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </figure>
  );
}

/** A proportion (0–1) as a small gauge followed by its percentage. */
export function Meter({ value }: { value: number | null }) {
  if (value === null) return <>—</>;
  const percent = Math.round(value * 1000) / 10;
  return (
    <>
      <span className="salle-meter" aria-hidden="true">
        <span style={{ width: `${Math.min(100, percent)}%` }} />
      </span>
      {percent.toLocaleString('fr-FR')}&nbsp;%
    </>
  );
}
