// Guidance pages are written in Markdown by administrators (Q1) and shown as HTML: raw HTML is
// never passed through, links may only go to web pages, mail and phone, and headings start at
// level 2 under the page's own h1 (# and ## both give h2).
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.disable('image');

const SAFE_LINK = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

const defaultHeading = md.renderer.rules.heading_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.heading_open = (tokens, idx, options, env, self) => {
  const t = tokens[idx]!;
  const level = Math.max(2, Number(t.tag.slice(1)));
  t.tag = `h${level}`;
  const close = tokens.slice(idx).find((x) => x.type === 'heading_close');
  if (close) close.tag = t.tag;
  return defaultHeading(tokens, idx, options, env, self);
};

const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx]!.attrGet('href') ?? '');
  if (/^https?:\/\//i.test(href)) tokens[idx]!.attrSet('rel', 'noopener noreferrer');
  return defaultLink(tokens, idx, options, env, self);
};

/** Safe HTML from an administrator's Markdown. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
