import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Server-side HTML: Preact escapes every value, so no user text can become markup. */
export function renderPage(vnode: VNode): string {
  return '<!doctype html>' + renderToString(vnode);
}
