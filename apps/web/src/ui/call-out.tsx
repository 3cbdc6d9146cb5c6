import type { ReactNode } from 'react';
import { cx } from './class-names';

/** A highlighted aside: a title and a short text. */
export function CallOut({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <div className={cx('salle-callout', className)}>
      <h3 className="salle-callout__title">{title}</h3>
      <p className="salle-callout__text">{children}</p>
    </div>
  );
}
