// /quan-tri/co-quan: the agencies an administrator covers, as a tree (province → departments, the
// public-service centre and its branches → communes and wards), each with its address, contacts,
// hours, data sharing (V2), successor and staff; /quan-tri/co-quan/<code> edits one.
import type { ComponentChildren } from 'preact';
import { DataTable } from '../../../web/components/data-table.tsx';
import { CsrfField, ErrorSummary, Field, Notice, Select, type FieldErrors } from '../../../web/components/form.tsx';
import { viLang } from '../../../web/components/locale.tsx';
import { PostButton } from '../../../web/components/post-button.tsx';
import type { PageContext } from '../../../web/page-context.ts';
import { ROLE_NAMES, type Role } from '../../../identity/index.ts';
import type { AdminAgency } from '../store.ts';
import { AdminLayout, agencyPath, kindName, YesNo } from './parts.tsx';

export interface StaffMember {
  username: string;
  fullName: string;
  role: Role;
  agencyCode: string | null;
}

/** Staff of another unit who also work in this one. */
export interface UnitMember extends StaffMember {
  agencyName: string | null;
}

/** One unit in the tree: its kind and code, address and hours, what it implements, its staff and data sharing. */
function AgencyLine({ ctx, a, staff, names }: { ctx: PageContext; a: AdminAgency; staff: number; names: ReadonlyMap<string, string> }) {
  const { t } = ctx;
  const vi = viLang(ctx.locale);
  const where = [a.address, a.openingHours].filter(Boolean).join(' · ');
  return (
    <>
      <p class="agency-line">
        <a href={agencyPath(a.code)} lang={vi}>
          {a.name}
        </a>{' '}
        <span class="hint">
          {kindName(ctx, a.kind)} · {a.code}
        </span>
      </p>
      {where && (
        <p class="hint" lang={vi}>
          {where}
        </p>
      )}
      <p class="hint">
        {[t('agPlaces', { n: a.places }), t('agStaff', { n: staff }), a.sharesData ? t('agSharesYes') : t('agSharesNo'), a.replacedBy && t('agReplacedNote', { name: names.get(a.replacedBy) ?? a.replacedBy })].filter(Boolean).join(' · ')}
      </p>
    </>
  );
}

export function AgenciesPage({ ctx, agencies, staff, names }: { ctx: PageContext; agencies: AdminAgency[]; staff: StaffMember[]; names: ReadonlyMap<string, string> }) {
  const { t } = ctx;
  const codes = new Set(agencies.map((a) => a.code));
  const children = (parent: string | null) => agencies.filter((a) => (parent === null ? !a.parentCode || !codes.has(a.parentCode) : a.parentCode === parent));
  const staffCount = (code: string) => staff.filter((s) => s.agencyCode === code).length;
  const branch = (parent: string | null, depth: number): ComponentChildren => {
    const list = children(parent);
    if (!list.length) return null;
    return (
      <ul class={depth === 0 ? 'agency-tree' : undefined}>
        {list.map((a) => (
          <li key={a.code}>
            <AgencyLine ctx={ctx} a={a} staff={staffCount(a.code)} names={names} />
            {branch(a.code, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <AdminLayout ctx={ctx} area="agencies" title={t('agTitle')}>
      <h1>{t('agTitle')}</h1>
      <p>{t('agIntro')}</p>
      <p class="hint">{t('agOneUnit')}</p>
      {branch(null, 0)}
    </AdminLayout>
  );
}

export interface AgencyAdminProps {
  ctx: PageContext;
  agency: AdminAgency;
  staff: StaffMember[];
  members: UnitMember[];
  /** Every agency, for the successor (it may be outside this administrator's tree). */
  all: { code: string; name: string }[];
  values?: Record<string, string>;
  errors?: FieldErrors;
  notice?: string;
}

export function AgencyAdminPage({ ctx, agency: a, staff, members, all, values = {}, errors = {}, notice }: AgencyAdminProps) {
  const { t, locale } = ctx;
  const vi = viLang(locale);
  const v = (name: string, current: string | null) => values[name] ?? current ?? '';
  const labels = { address: t('agAddress'), phone: t('agPhone'), email: t('agEmail'), openingHours: t('agHours'), replacedBy: t('agReplacedBy'), member: t('agMemberUsername') };
  return (
    <AdminLayout ctx={ctx} area="agencies" title={a.name}>
      <h1 lang={vi}>{a.name}</h1>
      <p class="hint">
        {a.code} · {kindName(ctx, a.kind)} · {t('agPlaces', { n: a.places })}
      </p>
      {notice && (
        <Notice>
          <p>{notice}</p>
        </Notice>
      )}
      <ErrorSummary errors={errors} labels={labels} />
      <form method="post" action={agencyPath(a.code)} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field name="address" label={t('agAddress')} value={v('address', a.address)} errors={errors} maxLength={500} autocomplete="off" />
        <Field name="phone" type="tel" label={t('agPhone')} value={v('phone', a.phone)} errors={errors} maxLength={100} />
        <Field name="email" type="email" label={t('agEmail')} value={v('email', a.email)} errors={errors} maxLength={200} />
        <Field name="openingHours" label={t('agHours')} value={v('openingHours', a.openingHours)} errors={errors} maxLength={500} />
        <YesNo name="sharesData" legend={t('agSharesData')} yes={t('agSharesYes')} no={t('agSharesNo')} typed={values.sharesData} stored={a.sharesData} errors={errors} />
        <Select
          name="replacedBy"
          label={t('agReplacedBy')}
          hint={t('agReplacedByHint')}
          options={[{ value: '', label: t('agReplacedByNone') }, ...all.filter((o) => o.code !== a.code).map((o) => ({ value: o.code, label: o.name }))]}
          value={v('replacedBy', a.replacedBy)}
          errors={errors}
        />
        <button type="submit" class="button">
          {t('agSave')}
        </button>
      </form>
      <h2>{t('agStaff', { n: staff.length })}</h2>
      <p class="hint">{t('agOneUnit')}</p>
      <DataTable caption={t('agStaffCaption', { name: a.name })} captionHidden cards rows={staff} rowKey={(s) => s.username} empty={t('agNoStaff')} columns={[
        { header: t('agColName'), cell: (s) => s.fullName },
        { header: t('agColUsername'), cell: (s) => s.username },
        { header: t('agColRole'), cell: (s) => ROLE_NAMES[s.role] },
      ]} />
      <p>
        <a href="/quan-tri/can-bo">{t('agManageStaff')}</a>
      </p>
      <h2>{t('agMembers', { n: members.length })}</h2>
      {members.length > 0 && (
        <DataTable caption={t('agMembersCaption', { name: a.name })} captionHidden cards rows={members} rowKey={(m) => m.username} columns={[
          { header: t('agColName'), cell: (m) => m.fullName },
          { header: t('agColUsername'), cell: (m) => m.username },
          { header: t('agColHome'), cell: (m) => m.agencyName ?? '—', lang: vi },
          {
            header: <span class="visually-hidden">{t('agRemoveMember')}</span>,
            label: false,
            cell: (m) => (
              <PostButton action={`${agencyPath(a.code)}/thanh-vien/xoa`} csrfToken={ctx.csrfToken} hidden={{ member: m.username }} variant="link" inline>
                {t('agRemoveMember')}
                <span class="visually-hidden"> — {m.fullName}</span>
              </PostButton>
            ),
          },
        ]} />
      )}
      <h3>{t('agAddMember')}</h3>
      <form method="post" action={`${agencyPath(a.code)}/thanh-vien`} class="form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field name="member" label={t('agMemberUsername')} hint={t('agMemberHint')} value={values.member} errors={errors} maxLength={40} autocomplete="off" />
        <button type="submit" class="button button-secondary">
          {t('agAddMemberButton')}
        </button>
      </form>
    </AdminLayout>
  );
}
