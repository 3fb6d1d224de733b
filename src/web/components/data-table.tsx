// One table for every list of records and every table of figures (decision 0019): a caption,
// `<th scope="col">` headers, the first cell of a row its `<th scope="row">`, and on a phone
// either cards (each cell labelled by `data-label`) or a region that scrolls by itself.
import type { ComponentChildren } from 'preact';
import { TableRegion } from './table-region.tsx';
import { PostButton } from './post-button.tsx';

export interface Column<Row> {
  /** The column's header, `<th scope="col">`. */
  header: ComponentChildren;
  /** What a row shows in this column. */
  cell: (row: Row, index: number) => ComponentChildren;
  /**
   * The label a card shows before the cell (`data-label`, cards only): the header when it is
   * text, unless given here; false for none (a column of buttons needs no label).
   */
  label?: string | false;
  /** Figures: aligned right, so units, tens and hundreds line up. */
  numeric?: boolean;
  /** lang on the column's cells, e.g. "vi" for catalog names on an English page. */
  lang?: string;
}

export interface DataTableProps<Row> {
  caption: ComponentChildren;
  /** The caption is read by screen readers only (the heading above already says it). */
  captionHidden?: boolean;
  /** A column left out on some pages is written `condition && { … }`. */
  columns: (Column<Row> | false | null | undefined)[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
  /** A list of records becomes cards on a phone (`data-table cards`). */
  cards?: boolean;
  /** A table of figures scrolls inside a named region on a phone: the region's name. */
  region?: string;
  /** The first column is the row's header, `<th scope="row">` (default); false for none. */
  rowHeader?: boolean;
  /** Further classes after `data-table` (e.g. "attachments"). */
  class?: string;
  /** Shown in a paragraph instead of the table when there are no rows; without it an empty table is shown. */
  empty?: ComponentChildren;
}

export function DataTable<Row>({ caption, captionHidden, columns: given, rows, rowKey, cards, region, rowHeader = true, class: extra, empty }: DataTableProps<Row>) {
  const columns = given.filter((c): c is Column<Row> => !!c);
  if (!rows.length && empty !== undefined) return <p>{empty}</p>;
  const labelOf = (c: Column<Row>) => (!cards || c.label === false ? undefined : (c.label ?? (typeof c.header === 'string' ? c.header : undefined)));
  const numeric = (c: Column<Row>) => (c.numeric ? 'numeric' : undefined);
  const table = (
    <table class={['data-table', extra, cards && 'cards'].filter(Boolean).join(' ')}>
      <caption class={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th scope="col" key={i} class={numeric(c)}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row, r)}>
            {columns.map((c, i) =>
              i === 0 && rowHeader ? (
                <th scope="row" key={i} lang={c.lang} class={numeric(c)}>
                  {c.cell(row, r)}
                </th>
              ) : (
                <td key={i} data-label={labelOf(c)} lang={c.lang} class={numeric(c)}>
                  {c.cell(row, r)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return region ? <TableRegion label={region}>{table}</TableRegion> : table;
}

/**
 * The last column of a list an administrator keeps: one button a row (delete), whose visually
 * hidden part (`which`) says which row it acts on.
 */
export function actionColumn<Row>(csrfToken: string, action: (row: Row) => string, which: (row: Row) => ComponentChildren, button = 'Xóa', header = 'Thao tác'): Column<Row> {
  return {
    header,
    cell: (row) => (
      <PostButton action={action(row)} csrfToken={csrfToken} variant="secondary" inline>
        {button} <span class="visually-hidden">{which(row)}</span>
      </PostButton>
    ),
  };
}
