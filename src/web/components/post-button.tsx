// One button that does one thing: a POST form with the CSRF field, its hidden values and the
// button (delete, resend, switch on or off, mark as read) — or a short form's fields before it.
// Works without JavaScript.
import type { ComponentChildren } from 'preact';
import { CsrfField } from './form.tsx';

export interface PostButtonProps {
  action: string;
  csrfToken: string;
  /** The button's text; where several buttons read alike, a visually hidden part says which. */
  children: ComponentChildren;
  /** Hidden fields sent with it; a list sends the name once per value. */
  hidden?: Record<string, string | number | readonly (string | number)[]>;
  /** secondary: a white button; danger: one that deletes or stops (red); link: looks like a link. */
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  /** Inside a table cell or a sentence (`inline-form`). */
  inline?: boolean;
  /** A form of its own on a wide page, as narrow as the form pages (`form-narrow`). */
  narrow?: boolean;
  /** A form that sends files: "multipart/form-data". */
  enctype?: 'multipart/form-data';
  /** The id of the text that says more about what the button does. */
  describedBy?: string;
  /** Said before the button, inside the form: a heading and what happens, or the form's fields (checked by the server, so the browser does not block a form it finds incomplete). */
  intro?: ComponentChildren;
}

const BUTTON_CLASS = { primary: 'button', secondary: 'button button-secondary', danger: 'button button-danger', link: 'link-button' } as const;

export function PostButton({ action, csrfToken, children, hidden = {}, variant = 'primary', inline, narrow, enctype, describedBy, intro }: PostButtonProps) {
  return (
    <form method="post" action={action} enctype={enctype} class={inline ? 'inline-form' : narrow ? 'form-narrow' : undefined} novalidate>
      <CsrfField token={csrfToken} />
      {Object.entries(hidden).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v, i) => <input key={`${name}-${i}`} type="hidden" name={name} value={String(v)} />))}
      {intro}
      <button type="submit" class={BUTTON_CLASS[variant]} aria-describedby={describedBy}>
        {children}
      </button>
    </form>
  );
}

/** A short form on a page of its own: its fields, then the one button (`submit`) that sends them. */
export function PostForm({ children, submit, narrow = true, ...rest }: Omit<PostButtonProps, 'children' | 'intro'> & { children: ComponentChildren; submit: ComponentChildren }) {
  return (
    <PostButton {...rest} narrow={narrow} intro={children}>
      {submit}
    </PostButton>
  );
}
