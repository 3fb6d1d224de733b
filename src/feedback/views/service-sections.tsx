// What a service's page shows from this module: guidance links under the level box, and below
// the service's details the Art. 11.3 figures (levels 3 and 4) and its most-viewed FAQ entries.
import type { VNode } from 'preact';
import type { FaqEntry } from '../store.ts';
import type { ServiceStatistics } from '../stats.ts';
import { GuidanceLinks, ServiceFaq, ServiceFigures } from './service-figures.tsx';

export function serviceSectionNodes(code: string, x: { guidance: { slug: string; title: string }[]; statistics: ServiceStatistics | null; faq: FaqEntry[] }): { lead?: VNode; more?: VNode } {
  return {
    lead: x.guidance.length ? <GuidanceLinks items={x.guidance} /> : undefined,
    more: (
      <>
        {x.statistics && <ServiceFigures s={x.statistics} />}
        <ServiceFaq code={code} items={x.faq} />
      </>
    ),
  };
}
