// The paper form in the page itself, shown only when the page is printed (print.css): the browser's
// "Print" gives the same sheet as the PDF, from the same blocks (F4).
import { CHECKED_BOX, dateWords, EMPTY_BOX, MOTTO, MOTTO_2, numbered, type Block, type PrintSheet } from './sheet.ts';

/** A numbered label and, under it, its lines: options with their boxes, or papers sent with the form. */
function Listed({ b, class: cls, items }: { b: { number: string; label: string }; class: string; items: string[] }) {
  return (
    <div class="pf-line">
      {numbered(b.number, b.label)}:
      <ul class={cls}>
        {items.map((t, i) => (
          <li key={i}>{t}</li>
        ))}
      </ul>
    </div>
  );
}

function BlockView({ b }: { b: Block }) {
  switch (b.kind) {
    case 'heading':
      return <p class="pf-heading">{numbered(b.number, `${b.text}:`)}</p>;
    case 'line':
      return (
        <p class="pf-line">
          {numbered(b.number, b.label)}: {b.value ?? <span class="pf-dots" />}
        </p>
      );
    case 'check':
      return (
        <p class="pf-line">
          {b.number ? `${b.number} ` : ''}
          {b.checked ? CHECKED_BOX : EMPTY_BOX} {b.label}
        </p>
      );
    case 'choices':
      return <Listed b={b} class={b.inline ? 'pf-options pf-inline' : 'pf-options'} items={b.options.map((o) => `${o.checked ? CHECKED_BOX : EMPTY_BOX} ${o.label}`)} />;
    case 'table':
      return (
        <div class="pf-line">
          {numbered(b.number, b.label)}:
          <NumberedTable class="pf-table" columns={b.columns} rows={b.rows} />
        </div>
      );
    case 'list':
      return <Listed b={b} class="pf-list" items={b.items.map((t) => `- ${t}`)} />;
  }
}

/** The sheet, hidden on screen; the print stylesheet shows it alone on paper. */
export function PrintedForm({ sheet }: { sheet: PrintSheet }) {
  return (
    <div class="printed-form" aria-hidden="true">
      {sheet.numberLine && <p class="pf-number">{sheet.numberLine}</p>}
      <p class="pf-motto">{MOTTO}</p>
      <p class="pf-motto2">{MOTTO_2}</p>
      <p class="pf-title">{sheet.title}</p>
      {sheet.subtitle && <p class="pf-subtitle">{sheet.subtitle}</p>}
      {sheet.addressee && <p class="pf-addressee">Kính gửi: {sheet.addressee}</p>}
      {sheet.blocks.map((b, i) => (
        <BlockView key={i} b={b} />
      ))}
      {sheet.pledge.map((p, i) => (
        <p key={i} class="pf-pledge">
          {p}
        </p>
      ))}
      <div class="pf-sign">
        <p class="pf-date">{dateWords(sheet.placeDate)}</p>
        <p class="pf-signer">{sheet.signer}</p>
        <p class="pf-hint">{sheet.signHint}</p>
        {sheet.signName && <p class="pf-name">{sheet.signName}</p>}
      </div>
    </div>
  );
}

/**
 * A paper's table, each row numbered first ("STT"), as on the printed form. With a caption it is
 * read on screen (headers scoped, the number the row's header); without, it is the bare sheet's.
 */
export function NumberedTable({ class: cls, caption, columns, rows }: { class: string; caption?: string; columns: readonly { label: string }[]; rows: readonly (readonly string[])[] }) {
  const scope = caption === undefined ? undefined : 'col';
  return (
    <table class={cls}>
      {caption !== undefined && <caption>{caption}</caption>}
      <thead>
        <tr>
          {['STT', ...columns.map((c) => c.label)].map((label, i) => (
            <th scope={scope} key={i}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {scope ? <th scope="row">{i + 1}</th> : <td>{i + 1}</td>}
            {r.map((t, j) => <td key={j}>{t}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
