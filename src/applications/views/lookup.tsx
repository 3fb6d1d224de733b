import { ErrorSummary, Field, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { dayVi, timeVi } from '../../web/format.ts';
import type { Status } from '../model.ts';
import { StatusBadge } from './parts.tsx';

/** What anyone with the code and the check digits may read: no name, no answers, no notes (A6). */
export interface PublicStatus {
  code: string;
  status: Status;
  statusName: string;
  serviceName: string;
  agencyName: string;
  submittedAt: Date;
  dueDate: string | null;
  steps: { statusName: string; at: Date }[];
}

const CHECK_LABEL = '4 số cuối số điện thoại hoặc CCCD của người nộp';

export function LookupPage({ ctx, code = '', errors = {}, found }: { ctx: PageContext; code?: string; errors?: FieldErrors; found?: PublicStatus }) {
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length ? 'Lỗi: ' : ''}Tra cứu hồ sơ`} description="Tra cứu trạng thái hồ sơ bằng mã hồ sơ và 4 số cuối số điện thoại hoặc CCCD của người nộp, không cần đăng nhập.">
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={{ code: 'Mã hồ sơ', check: CHECK_LABEL }} />
        <h1>Tra cứu hồ sơ</h1>
        {found && (
          <section class="notice-box lookup-result" role="status" aria-labelledby="lookup-title">
            <h2 id="lookup-title">
              Hồ sơ {found.code}: <StatusBadge status={found.status} name={found.statusName} />
            </h2>
            <dl class="summary-list">
              <div>
                <dt>Thủ tục</dt>
                <dd>{found.serviceName}</dd>
              </div>
              <div>
                <dt>Cơ quan giải quyết</dt>
                <dd>{found.agencyName}</dd>
              </div>
              <div>
                <dt>Nộp lúc</dt>
                <dd>{timeVi(found.submittedAt)}</dd>
              </div>
              <div>
                <dt>Hạn giải quyết</dt>
                <dd>{dayVi(found.dueDate)}</dd>
              </div>
            </dl>
            <h3>Các bước đã qua</h3>
            <ol class="timeline">
              {found.steps.map((s, i) => (
                <li key={i}>
                  {s.statusName} — <time>{timeVi(s.at)}</time>
                </li>
              ))}
            </ol>
          </section>
        )}
        <form method="get" action="/tra-cuu" novalidate>
          <Field name="code" label="Mã hồ sơ" hint="In trên phiếu tiếp nhận, ví dụ 000.00.12.H34-261126-0001." value={code} errors={errors} required maxLength={60} />
          <Field name="check" label={CHECK_LABEL} type="password" errors={errors} required maxLength={4} inputMode="numeric" autocomplete="off" />
          <button type="submit" class="button">
            Tra cứu
          </button>
        </form>
      </div>
    </Layout>
  );
}
