import type { ReactNode } from 'react';
import { cx } from './class-names';

/** One column: its header, and what a row shows in it. */
export interface TableColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
}

/**
 * A data table that becomes a pile of cards on narrow screens (≤ 600 px,
 * `ui.css`): each row a card headed by its first cell, every other cell
 * introduced by its column's header. Nothing scrolls sideways, so no
 * scrolling region needs the keyboard's focus; cells wrap instead.
 *
 * The ARIA roles repeat the elements' own because a browser drops the table
 * semantics of elements whose CSS display is no longer a table's; the labels
 * shown in the cards are hidden from assistive technologies, which announce
 * the column headers themselves.
 */
export function ResponsiveTable<Row>({
  caption,
  captionHidden = false,
  rows,
  rowKey,
  columns,
  className,
}: {
  caption: string;
  /** The caption is read, not shown, when a heading just above says the same. */
  captionHidden?: boolean;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** The first column heads each row (a date, a name). */
  columns: readonly TableColumn<Row>[];
  className?: string;
}) {
  const [heading, ...others] = columns;
  return (
    <div className={cx('salle-table', 'salle-rtable', className)}>
      <table role="table">
        <caption className={captionHidden ? 'salle-sr-only' : undefined}>{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) => (
              <th key={column.header} scope="col" role="columnheader">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => (
            <tr key={rowKey(row)} role="row">
              {heading && (
                <th scope="row" role="rowheader">
                  {heading.cell(row)}
                </th>
              )}
              {others.map((column) => (
                <td key={column.header} role="cell">
                  <span className="salle-rtable__label" aria-hidden="true">
                    {column.header}
                  </span>
                  <span className="salle-rtable__value">{column.cell(row)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
