import { Link } from '../app/router';
import { cx } from './class-names';

export interface PaginationProps {
  /** The page shown, from 1. */
  page: number;
  pages: number;
  /** The address of a page (the list's filters kept). */
  hrefOf: (page: number) => string;
  className?: string;
}

/** The page numbers shown: the first, the last, and the current one with its neighbours; `null` for a gap (« … »). */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return shown.flatMap((n, index) => {
    const previous = shown[index - 1];
    if (previous === undefined || n === previous + 1) return [n];
    return n === previous + 2 ? [previous + 1, n] : [null, n];
  });
}

/**
 * Links to the pages of a long list: previous, numbers around the current one, next. The current page is marked
 * `aria-current="page"`; previous and next are shown greyed, not as links, at either end. Nothing below two pages.
 */
export function Pagination({ page, pages, hrefOf, className }: PaginationProps) {
  if (pages < 2) return null;
  const edge = (target: number, label: string, modifier: string, enabled: boolean) => (
    <li>
      {enabled ? (
        <Link className={cx('salle-pagination__link', modifier)} href={hrefOf(target)}>
          {label}
        </Link>
      ) : (
        <span className={cx('salle-pagination__link', modifier)} aria-disabled="true">
          {label}
        </span>
      )}
    </li>
  );
  return (
    <nav aria-label="Pagination" className={cx('salle-pagination', className)}>
      <ul className="salle-pagination__list">
        {edge(page - 1, 'Page précédente', 'salle-pagination__link--prev', page > 1)}
        {pageWindow(page, pages).map((n, index) =>
          n === null ? (
            <li key={`gap-${index}`} aria-hidden="true" className="salle-pagination__gap">
              …
            </li>
          ) : (
            <li key={n}>
              <Link
                className="salle-pagination__link"
                href={hrefOf(n)}
                aria-label={`Page ${n} sur ${pages}`}
                aria-current={n === page ? 'page' : undefined}
              >
                {n}
              </Link>
            </li>
          ),
        )}
        {edge(page + 1, 'Page suivante', 'salle-pagination__link--next', page < pages)}
      </ul>
    </nav>
  );
}
