import type { ComponentChildren } from 'preact';

/**
 * A wide table of figures that scrolls inside its own box on a phone, never the page (WCAG 1.4.10
 * lets data tables keep two dimensions): a named region keyboard users can focus and scroll.
 * Lists of records read better as cards instead (`<table class="data-table cards">`, site.css).
 */
export function TableRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
