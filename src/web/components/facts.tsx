// A thing's facts as a description list: a service's, an application's, a document's details or
// a year's figures. One <div> holds each term and its value (HTML 5.2), so a pair stays together.
import type { ComponentChildren } from 'preact';

export interface Fact {
  term: ComponentChildren;
  value: ComponentChildren;
  /** The value's language where it is not the page's (a name kept in Vietnamese on an English page). */
  lang?: string;
}

/** A fact that is left out (`cond && { … }`) is no row at all. */
export function Facts({ items, class: className }: { items: readonly (Fact | false | null | undefined | '' | 0)[]; class?: string }) {
  return (
    <dl class={className}>
      {items.filter((f): f is Fact => Boolean(f)).map((f, i) => (
        <div key={i}>
          <dt>{f.term}</dt>
          <dd lang={f.lang}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
