import type { ReactNode } from 'react';
import { formatEuros } from '../lib/money';
import { Meter } from './bar-chart';

/** One column of a figures table: its header and what a row shows in it. */
export interface FigureColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
}

/** The figures every statistics row carries (a month, a collège). */
interface Figures {
  bookings: number;
  bookedHours: number;
  revenueCents: number;
  occupancy: number | null;
}

/** Bookings, hours and revenue, in that order: the columns the statistics and revenue pages share. */
export function figureColumns<Row extends Figures>(withOccupancy: boolean): FigureColumn<Row>[] {
  const columns: FigureColumn<Row>[] = [
    { header: 'Réservations', cell: (row) => row.bookings },
    { header: 'Heures', cell: (row) => row.bookedHours.toLocaleString('fr-FR') },
    { header: 'Recettes', cell: (row) => formatEuros(row.revenueCents) },
  ];
  if (withOccupancy) columns.push({ header: 'Occupation', cell: (row) => <Meter value={row.occupancy} /> });
  return columns;
}

/**
 * A table of figures: each row headed by its first column (a month, a
 * collège), scrolling sideways on narrow screens rather than overflowing.
 */
export function FiguresTable<Row>({
  caption,
  rows,
  rowKey,
  columns,
}: {
  caption: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  columns: FigureColumn<Row>[];
}) {
  const [heading, ...others] = columns;
  return (
    <div className="salle-table salle-table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {heading && <th scope="row">{heading.cell(row)}</th>}
              {others.map((column) => (
                <td key={column.header}>{column.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
