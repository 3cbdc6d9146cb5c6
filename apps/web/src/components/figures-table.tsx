import { formatEuros } from '../lib/money';
import { ResponsiveTable, type TableColumn } from '../ui';
import { Meter } from './bar-chart';

/** One column of a figures table: its header and what a row shows in it. */
export type FigureColumn<Row> = TableColumn<Row>;

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

/** A table of figures, each row headed by its first column (a month, a collège); cards on narrow screens. */
export function FiguresTable<Row>(props: {
  caption: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  columns: FigureColumn<Row>[];
}) {
  return <ResponsiveTable {...props} />;
}
