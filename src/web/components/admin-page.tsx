// A back-office page that keeps a list (search synonyms, maintenance windows, the working
// calendar): its heading, the notice of what was just done, then the form's error summary.
import type { ComponentChildren } from 'preact';
import { ErrorSummary, Notice, type FieldErrors } from './form.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from '../page-context.ts';

export interface AdminPageProps {
  ctx: PageContext;
  title: string;
  description: string;
  /** What was just done ("Đã lưu …"). */
  notice?: string;
  errors?: FieldErrors;
  /** The summary's names of fields whose label is not the field's name. */
  labels?: Record<string, string>;
  children: ComponentChildren;
}

export function AdminPage({ ctx, title, description, children, ...head }: AdminPageProps) {
  return (
    <Layout ctx={ctx} title={title} description={description}>
      <AdminPageHead title={title} {...head} />
      {children}
    </Layout>
  );
}

/** The top of the page: the heading, what was just done, the errors of the form sent. */
export function AdminPageHead({ title, notice, errors = {}, labels }: Pick<AdminPageProps, 'title' | 'notice' | 'errors' | 'labels'>) {
  return (
    <>
      <h1>{title}</h1>
      {notice && <Notice>{notice}</Notice>}
      <ErrorSummary errors={errors} labels={labels} />
    </>
  );
}
