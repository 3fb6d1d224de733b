// The parts of a page built around one narrow form (sign-in, password, codes, preferences): the
// error summary, the heading, what is said first, the form and its button, and the way back.
import type { ComponentChildren } from 'preact';
import { ErrorSummary, type FieldErrors } from './form.tsx';
import { PostButton, type PostButtonProps } from './post-button.tsx';

export interface FormPanelProps extends Omit<PostButtonProps, 'children' | 'intro' | 'inline' | 'narrow'> {
  /** The page's heading. */
  title: ComponentChildren;
  /** The form's field errors; the summary lists them above the heading. */
  errors?: FieldErrors;
  /** The summary's names of fields whose label is not the field's name. */
  labels?: Record<string, string>;
  /** Between the heading and the form: a notice, what the form is for. */
  before?: ComponentChildren;
  /** The button's text. */
  submit: ComponentChildren;
  /** The form's fields. */
  children?: ComponentChildren;
  /** After the form: other ways on. */
  after?: ComponentChildren;
  /** The link back, last. */
  back?: { href: string; label: ComponentChildren };
}

export function FormPanel({ title, errors, labels, before, submit, children, after, back, ...form }: FormPanelProps) {
  return (
    <div class="form-narrow">
      {errors && <ErrorSummary errors={errors} labels={labels} />}
      <h1>{title}</h1>
      {before}
      <PostButton {...form} intro={children}>
        {submit}
      </PostButton>
      {after}
      {back && <LinkLine href={back.href}>{back.label}</LinkLine>}
    </div>
  );
}

/** One link on a line of its own. */
export function LinkLine({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <p>
      <a href={href}>{children}</a>
    </p>
  );
}

/** Ways on, as a list of links. */
export function LinkList({ links }: { links: readonly { href: string; label: ComponentChildren }[] }) {
  return (
    <ul>
      {links.map((l) => (
        <li key={l.href}>
          <a href={l.href}>{l.label}</a>
        </li>
      ))}
    </ul>
  );
}
