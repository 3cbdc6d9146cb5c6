import { renderToStaticMarkup } from 'react-dom/server';
import { Pagination, pageWindow } from './index';

const hrefOf = (page: number) => `/admin/etablissements?page=${page}`;

describe('Pagination', () => {
  it('shows the first and last pages and the current one’s neighbours, a gap for the rest', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
    expect(pageWindow(3, 10)).toEqual([1, 2, 3, 4, null, 10]);
    expect(pageWindow(10, 10)).toEqual([1, null, 9, 10]);
  });

  it('marks the current page, links the others, and greys previous on the first page', () => {
    const html = renderToStaticMarkup(<Pagination page={1} pages={3} hrefOf={hrefOf} />);
    expect(html).toContain('<nav aria-label="Pagination" class="salle-pagination">');
    expect(html).toContain(
      '<span class="salle-pagination__link salle-pagination__link--prev" aria-disabled="true">Page précédente</span>',
    );
    expect(html).toContain(
      '<a href="/admin/etablissements?page=1" class="salle-pagination__link" aria-label="Page 1 sur 3" aria-current="page">1</a>',
    );
    expect(html).toContain(
      '<a href="/admin/etablissements?page=2" class="salle-pagination__link" aria-label="Page 2 sur 3">2</a>',
    );
    expect(html).toContain(
      '<a href="/admin/etablissements?page=2" class="salle-pagination__link salle-pagination__link--next">Page suivante</a>',
    );
  });

  it('shows nothing for a single page', () => {
    expect(renderToStaticMarkup(<Pagination page={1} pages={1} hrefOf={hrefOf} />)).toBe('');
  });
});
