import { Link, type LinkProps } from '../app/router';
import { cx } from './class-names';

interface BreadcrumbProps {
  currentPageLabel: string;
  homeLinkProps: LinkProps;
  segments: { label: string; linkProps: LinkProps }[];
  className?: string;
}

/** Where the page sits: home, the parents, then the current page (not a link). */
export function Breadcrumb({ currentPageLabel, homeLinkProps, segments, className }: BreadcrumbProps) {
  return (
    <nav className={cx('salle-breadcrumb', className)} aria-label={'vous êtes ici\u00a0:'}>
      <ol className="salle-breadcrumb__list">
        <li>
          <Link {...homeLinkProps}>Accueil</Link>
        </li>
        {segments.map((segment) => (
          <li key={segment.linkProps.href}>
            <Link {...segment.linkProps}>{segment.label}</Link>
          </li>
        ))}
        <li>
          <a aria-current="page">{currentPageLabel}</a>
        </li>
      </ol>
    </nav>
  );
}
