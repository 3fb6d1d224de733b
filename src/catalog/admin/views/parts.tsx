// What the catalog administration's pages share: their layout and breadcrumbs (Trang chủ › Trang
// quản trị › Danh mục thủ tục or Cơ quan › …), the addresses of their pages, an agency's kind in words,
// and a yes-or-no setting as two radios.
import type { ComponentChildren } from 'preact';
import { Breadcrumbs, type Crumb } from '../../../web/components/breadcrumbs.tsx';
import { Radios, type FieldErrors } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/components/layout.tsx';
import type { MessageKey } from '../../../web/i18n.ts';
import type { PageContext } from '../../../web/page-context.ts';
import type { AgencyKind } from '../../model.ts';

export const CATALOG_ADMIN = '/quan-tri/danh-muc';
export const AGENCY_ADMIN = '/quan-tri/co-quan';

export const servicePath = (code: string, rest = '') => `${CATALOG_ADMIN}/${encodeURIComponent(code)}${rest}`;
export const placePath = (code: string, agency: string, rest = '') => servicePath(code, `/noi-thuc-hien/${encodeURIComponent(agency)}${rest}`);
export const agencyPath = (code: string) => `${AGENCY_ADMIN}/${encodeURIComponent(code)}`;

export function AdminLayout({ ctx, area, title, trail = [], children }: { ctx: PageContext; area: 'catalog' | 'agencies'; title: string; trail?: Crumb[]; children: ComponentChildren }) {
  const { t } = ctx;
  const home = area === 'catalog' ? { href: CATALOG_ADMIN, label: t('caTitle') } : { href: AGENCY_ADMIN, label: t('agTitle') };
  const crumbs: Crumb[] = [{ href: '/', label: t('menuHome') }, { href: '/quan-tri', label: t('caAdmin') }];
  if (title !== home.label) crumbs.push(home);
  return (
    <Layout ctx={ctx} title={title} description={area === 'catalog' ? t('caDescription') : t('agDescription')}>
      <Breadcrumbs items={[...crumbs, ...trail, { label: title }]} />
      {children}
    </Layout>
  );
}

const KIND_KEYS: Record<AgencyKind, MessageKey> = {
  ministry: 'agKindMinistry',
  province: 'agKindProvince',
  department: 'agKindDepartment',
  district: 'agKindDistrict',
  commune: 'agKindCommune',
  centre: 'agKindCentre',
  branch: 'agKindBranch',
};

export const kindName = (ctx: PageContext, kind: AgencyKind) => ctx.t(KIND_KEYS[kind]);

/** A setting that is on or off, posted as "yes" or "no": what was typed when the form comes back, else the stored value. */
export function YesNo({ name, legend, yes, no, typed, stored, errors }: { name: string; legend: string; yes: string; no: string; typed: string | undefined; stored: boolean; errors: FieldErrors }) {
  return (
    <Radios
      name={name}
      legend={legend}
      options={[
        { value: 'yes', label: yes },
        { value: 'no', label: no },
      ]}
      value={typed ?? (stored ? 'yes' : 'no')}
      errors={errors}
    />
  );
}
