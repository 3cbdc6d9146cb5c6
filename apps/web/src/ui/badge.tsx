import type { ReactNode } from 'react';
import { cx } from './class-names';
import type { Severity } from './alert';

export type BadgeSeverity = Severity | 'new';

interface BadgeProps {
  children: ReactNode;
  severity?: BadgeSeverity;
  small?: boolean;
  as?: 'span' | 'p';
  className?: string;
}

/** A short status label. */
export function Badge({ children, severity, small = false, as: Tag = 'p', className }: BadgeProps) {
  return (
    <Tag className={cx('salle-badge', severity && `salle-badge--${severity}`, small && 'salle-badge--sm', className)}>
      {children}
    </Tag>
  );
}
