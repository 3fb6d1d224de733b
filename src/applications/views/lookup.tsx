import { ErrorSummary, Field, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import type { Status } from '../model.ts';
import { StatusBadge } from './parts.tsx';

export function LookupPage({ ctx, code = '', errors = {}, found }: { ctx: PageContext; code?: string; errors?: FieldErrors; found?: { code: string; status: Status; statusName: string } }) {
  return (
    <Layout ctx={ctx} title="Tra cứu hồ sơ" description="Tra cứu trạng thái hồ sơ bằng mã hồ sơ và 4 số cuối số điện thoại hoặc CCCD của người nộp, không cần đăng nhập.">
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={{ code: 'Mã hồ sơ', check: 'Số kiểm tra' }} />
        <h1>Tra cứu hồ sơ</h1>
        {found && (
          <div class="notice-box" role="status">
            <p>
              Hồ sơ <strong>{found.code}</strong>: <StatusBadge status={found.status} name={found.statusName} />
            </p>
          </div>
        )}
        <form method="get" action="/tra-cuu" novalidate>
          <Field name="code" label="Mã hồ sơ" hint="In trên phiếu tiếp nhận, ví dụ 000.00.12.H34-261126-0001." value={code} errors={errors} required maxLength={60} />
          <Field name="check" label="4 số cuối số điện thoại hoặc CCCD của người nộp" type="password" errors={errors} required maxLength={4} inputMode="numeric" autocomplete="off" />
          <button type="submit" class="button">
            Tra cứu
          </button>
        </form>
      </div>
    </Layout>
  );
}
