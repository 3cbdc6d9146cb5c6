import { useState, type ReactNode } from 'react';
import { cx } from './class-names';

export type Severity = 'error' | 'warning' | 'info' | 'success';

interface AlertProps {
  severity: Severity;
  title?: ReactNode;
  description?: ReactNode;
  /** A compact alert without title. */
  small?: boolean;
  className?: string;
  role?: 'alert' | 'status';
  /** Offers « Masquer le message », which removes the alert. */
  closable?: boolean;
}

/** A coloured message box; its severity is told by its title and text, the colour only repeats it. */
export function Alert({ severity, title, description, small = false, className, role, closable = false }: AlertProps) {
  const [closed, setClosed] = useState(false);
  if (closed) return null;
  const Description = typeof description === 'string' ? 'p' : 'div';
  return (
    <div className={cx('salle-alert', `salle-alert--${severity}`, small && 'salle-alert--sm', className)} role={role}>
      {/* A message, not a section: as a heading it would sit at whatever level the page is (often h1 → h3). */}
      {title !== undefined && <p className="salle-alert__title">{title}</p>}
      {description !== undefined && <Description className="salle-alert__description">{description}</Description>}
      {closable && (
        <button type="button" className="salle-link salle-alert__close" onClick={() => setClosed(true)}>
          Masquer le message
        </button>
      )}
    </div>
  );
}
