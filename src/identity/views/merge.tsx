import { Field, Notice, TextArea, type FieldErrors } from '../../web/components/form.tsx';
import { FormPanel } from '../../web/components/form-page.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { MERGE_REASON_MIN } from '../merge-model.ts';

export const MERGE_PATH = '/quan-tri/can-bo/gop';

export const MERGE_LABELS: Record<string, string> = {
  source: 'Tài khoản bị gộp (tên đăng nhập)',
  target: 'Tài khoản giữ lại (tên đăng nhập)',
  reason: 'Lý do gộp',
};

/** An administrator merges two accounts of one person: everything of the first goes to the second, which stays; the first is disabled. */
export function MergePage({ ctx, values = {}, errors = {}, notice }: { ctx: PageContext; values?: Record<string, string>; errors?: FieldErrors; notice?: string }) {
  const title = 'Gộp hai tài khoản của một người';
  return (
    <Layout ctx={ctx} title={title} description="Chuyển hồ sơ, giấy tờ, thông báo và dữ liệu của một tài khoản sang tài khoản khác của cùng người, rồi khóa tài khoản cũ.">
      <FormPanel
        title={title}
        errors={errors}
        labels={MERGE_LABELS}
        before={
          <>
            {notice && <Notice>{notice}</Notice>}
            <p>
              Dùng khi một người có hai tài khoản, ví dụ một tài khoản đăng ký bằng mật khẩu và một tài khoản tạo khi đăng nhập bằng VNeID. Mọi hồ sơ, giấy tờ trong kho dữ liệu, thông báo, bản nháp và thiết lập
              của tài khoản bị gộp chuyển sang tài khoản giữ lại trong một lần (thiết lập trùng thì giữ của tài khoản giữ lại); các phiên đăng nhập và khóa API của tài khoản bị gộp kết thúc, rồi tài khoản đó bị
              khóa. Việc gộp được ghi vào nhật ký và không hoàn tác được.
            </p>
            <p>
              Hai tài khoản phải cùng vai trò. Khi chúng không có cùng số định danh cá nhân, hãy ghi lý do (ít nhất {MERGE_REASON_MIN} ký tự, ví dụ giấy tờ đã đối chiếu); hai số định danh khác nhau thì không gộp.
            </p>
          </>
        }
        action={MERGE_PATH}
        csrfToken={ctx.csrfToken}
        submit="Gộp tài khoản"
        back={{ href: '/quan-tri/can-bo', label: 'Quay lại trang cán bộ' }}
      >
        <Field name="source" label={MERGE_LABELS.source!} hint="Tài khoản này bị khóa sau khi gộp." value={values.source} errors={errors} maxLength={40} required />
        <Field name="target" label={MERGE_LABELS.target!} value={values.target} errors={errors} maxLength={40} required />
        <TextArea name="reason" label={MERGE_LABELS.reason!} hint="Bắt buộc khi hai tài khoản không có cùng số định danh cá nhân." value={values.reason} errors={errors} maxLength={1000} />
      </FormPanel>
    </Layout>
  );
}
