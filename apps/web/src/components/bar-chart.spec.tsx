/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { BarChart, CHART_TEXT_PX } from './bar-chart';

const bars = [
  { label: 'janv.', fullLabel: 'janvier 2026', value: 3 },
  { label: 'févr.', fullLabel: 'février 2026', value: 12 },
];

describe('BarChart', () => {
  it('draws its labels at 14 px and never scales the drawing down', () => {
    const { container } = render(<BarChart title="Réservations par mois" bars={bars} format={String} />);
    const svg = container.querySelector('svg');
    expect(CHART_TEXT_PX).toBeGreaterThanOrEqual(12);
    // Its width attribute equals its viewBox width: one unit is one pixel, whatever the column.
    expect(svg?.getAttribute('width')).toBe(svg?.getAttribute('viewBox')?.split(' ')[2]);
    for (const text of container.querySelectorAll('svg text')) expect(text.getAttribute('font-size')).toBe('14');
  });

  it('gives screen readers the same figures as a table, and hides the drawing from them', () => {
    const { container } = render(<BarChart title="Réservations par mois" bars={bars} format={String} />);
    expect(container.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    const table = container.querySelector('table');
    expect(table?.querySelector('caption')?.textContent).toBe('Réservations par mois');
    const rows = [...(table?.querySelectorAll('tbody tr') ?? [])].map((row) => row.textContent);
    expect(rows).toEqual(['janvier 20263', 'février 202612']);
  });

  it('lets the keyboard reach its drawing when it scrolls sideways, named by its title', () => {
    render(<BarChart title="Réservations par mois" bars={bars} format={String} />);
    const region = screen.getByRole('group', { name: 'Réservations par mois' });
    expect(region.className).toBe('salle-chart-scroll');
    expect(region.tabIndex).toBe(0);
  });
});
