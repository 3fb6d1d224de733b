import { Layout } from '../../web/components/layout.tsx';
import { Facts } from '../../web/components/facts.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { dayVi } from './parts.tsx';

/** Ví dụ 4: right after "Gửi hồ sơ", the notice, the code and what happens next. */
export function SubmittedPage({ ctx, code, serviceName, dueDate, again = false }: { ctx: PageContext; code: string; serviceName: string; dueDate: string; again?: boolean }) {
  return (
    <Layout ctx={ctx} title="Đã gửi hồ sơ" description="Thông tin của quý khách đã được tiếp nhận.">
      <div class="confirmation" role="status">
        <h1>Thông tin của quý khách đã được tiếp nhận</h1>
        {again && <p>Hồ sơ này đã được gửi trước đó; không có hồ sơ thứ hai nào được tạo.</p>}
        <p>
          Mã hồ sơ: <strong class="application-code">{code}</strong>
        </p>
      </div>
      <Facts
        class="service-facts"
        items={[
          { term: 'Thủ tục', value: serviceName },
          { term: 'Hạn giải quyết dự kiến', value: <>{dayVi(dueDate)} (tính từ khi hồ sơ được tiếp nhận đủ, hợp lệ)</> },
        ]}
      />
      <h2>Tiếp theo</h2>
      <p>Cán bộ sẽ kiểm tra hồ sơ và tiếp nhận hoặc hướng dẫn bổ sung. Mỗi bước đều được cập nhật trên cổng.</p>
      <p>
        <a href={`/ho-so/${code}`}>Theo dõi hồ sơ này</a> · <a href={`/ho-so/${code}/phieu-tiep-nhan.pdf`}>Phiếu tiếp nhận (PDF)</a> · <a href="/tra-cuu">Tra cứu bằng mã hồ sơ</a>
      </p>
    </Layout>
  );
}
