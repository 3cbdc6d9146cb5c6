import { useId } from 'react';

export interface Bar {
  label: string;
  value: number;
}

/**
 * Vertical bars drawn in SVG, nothing else: light, and colours follow the
 * app's theme. The figures are also given as text (the chart is an image with
 * a title and a description; every screen that draws one shows a table too).
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
  // Sized to the number of bars and never enlarged, so that labels keep a readable size.
  const width = Math.max(240, bars.length * 56);
  const height = 200;
  const top = 24;
  const bottom = 40;
  const left = 8;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = (width - left * 2) / Math.max(1, bars.length);
  const barWidth = Math.max(4, Math.min(48, slot * 0.6));
  const plot = height - top - bottom;
  const summary = bars.map((bar) => `${bar.label} : ${format(bar.value)}`).join(', ');
  return (
    <figure className="salle-my-3w">
      <svg
        className="salle-bars"
        viewBox={`0 0 ${width} ${height}`}
        style={{ maxWidth: `${width}px` }}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary || 'Aucune donnée.'}</desc>
        <line className="salle-axis" x1={left} x2={width - left} y1={height - bottom} y2={height - bottom} />
        {bars.map((bar, index) => {
          const barHeight = (bar.value / max) * plot;
          const x = left + slot * index + (slot - barWidth) / 2;
          const y = height - bottom - barHeight;
          return (
            <g key={bar.label}>
              <rect className="salle-bar" x={x} y={y} width={barWidth} height={barHeight} />
              {bars.length <= 16 && (
                <text x={x + barWidth / 2} y={y - 6} textAnchor="middle">
                  {format(bar.value)}
                </text>
              )}
              <text x={x + barWidth / 2} y={height - bottom + 16} textAnchor="middle">
                {bar.label.length > 10 ? `${bar.label.slice(0, 9)}…` : bar.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="salle-text--sm">{title}</figcaption>
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
      {percent.toLocaleString('fr-FR')} %
    </>
  );
}
