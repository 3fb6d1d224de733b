import type { BackOfficeArea } from '../back-office.tsx';
import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';

/** The home of a back-office area: every page of it the person may open, by group. */
export function BackOfficeHomePage({ ctx, area }: { ctx: PageContext; area: BackOfficeArea }) {
  return (
    <Layout ctx={ctx} title={area.title} description={area.intro}>
      <h1>{area.title}</h1>
      <p>{area.intro}</p>
      {area.groups.map((g, i) => (
        <section key={g.heading} aria-labelledby={`group-${i}`}>
          <h2 id={`group-${i}`}>{g.heading}</h2>
          <ul class="back-office-list">
            {g.pages.map((p) => (
              <li key={p.href}>
                <a href={p.href}>{p.label}</a>
                <p>{p.description}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
