// Demo guidance pages and FAQ entries (P7, Q1): a visitor sees them linked from the services.
import type { DB } from '../db/index.ts';

const GUIDANCE = [
  {
    slug: 'cap-chung-chi-hanh-nghe-duoc-truc-tuyen',
    title: 'Nộp hồ sơ cấp Chứng chỉ hành nghề dược trực tuyến',
    summary: 'Từng bước nộp hồ sơ, theo dõi và nhận kết quả cấp Chứng chỉ hành nghề dược trên cổng.',
    services: ['1.004616', '1.004599', '1.004587'],
    body: `## Chuẩn bị
- Tài khoản trên cổng (đăng ký bằng số CCCD và số điện thoại).
- Bản chụp văn bằng chuyên môn, giấy xác nhận thời gian thực hành, giấy khám sức khỏe.
- Ảnh chân dung cỡ 4×6 chụp trong vòng 6 tháng.

## Các bước
1. Đăng nhập, tìm thủ tục **Cấp Chứng chỉ hành nghề dược** và chọn *Nộp hồ sơ trực tuyến*.
2. Điền tờ khai Mẫu số 02; các thông tin đã có trong kho dữ liệu của bạn được điền sẵn.
3. Tải lên các thành phần hồ sơ, kiểm tra lại và chọn **Gửi hồ sơ**.
4. Ghi lại mã hồ sơ; theo dõi tiến độ tại [Hồ sơ của tôi](/ho-so).
5. Khi có yêu cầu bổ sung, bổ sung một lần đầy đủ theo thông báo của Sở Y tế.

## Nhận kết quả
Kết quả điện tử tải về trên trang hồ sơ; bản giấy nhận tại Bộ phận một cửa hoặc qua bưu chính.
Sau khi có kết quả, hãy [đánh giá mức độ hài lòng](/ho-so) để cơ quan phục vụ tốt hơn.`,
  },
  {
    slug: 'dang-ky-khai-sinh-truc-tuyen',
    title: 'Đăng ký khai sinh trực tuyến',
    summary: 'Đăng ký khai sinh cho con qua cổng, không phải đến Ủy ban nhân dân xã.',
    services: ['1.001193', '1.000689', '1.004884'],
    body: `## Ai thực hiện
Cha, mẹ hoặc người thân thích của trẻ.

## Các bước
1. Đăng nhập và chọn thủ tục **Đăng ký khai sinh**.
2. Khai thông tin của trẻ, của cha và mẹ; tải lên giấy chứng sinh.
3. Gửi hồ sơ và nộp lệ phí (nếu có) trực tuyến.
4. Nhận bản điện tử Giấy khai sinh; bản giấy nhận tại xã hoặc qua bưu chính.

Xem thêm [câu hỏi thường gặp](/hoi-dap?dich-vu=1.001193).`,
  },
];

const FAQ = [
  { service: '1.004616', question: 'Tôi tốt nghiệp cao đẳng dược thì có được cấp chứng chỉ hành nghề dược không?', answer: 'Có. Người có bằng cao đẳng ngành dược và đủ thời gian thực hành theo quy định được cấp Chứng chỉ hành nghề dược với phạm vi tương ứng.', views: 42 },
  { service: '1.004616', question: 'Nộp hồ sơ trực tuyến rồi có phải nộp bản giấy nữa không?', answer: 'Không. Hồ sơ nộp trực tuyến có giá trị như hồ sơ giấy; Sở Y tế chỉ đề nghị xuất trình bản chính khi cần đối chiếu.', views: 31 },
  { service: '1.001193', question: 'Đăng ký khai sinh quá hạn 60 ngày có bị xử phạt không?', answer: 'Việc đăng ký khai sinh quá hạn vẫn được thực hiện; Ủy ban nhân dân xã hướng dẫn thủ tục cụ thể.', views: 18 },
  { service: null, question: 'Tôi quên mật khẩu tài khoản trên cổng thì làm thế nào?', answer: 'Liên hệ bộ phận hỗ trợ qua thư điện tử ghi ở chân trang hoặc đăng nhập bằng tài khoản định danh điện tử (VNeID).', views: 25 },
];

export async function seedFeedbackDemo(db: DB): Promise<void> {
  const services = new Set((await db.selectFrom('service').select('code').execute()).map((s) => s.code));
  for (const g of GUIDANCE) {
    await db
      .insertInto('guidance')
      .values({ slug: g.slug, title: g.title, summary: g.summary, body_md: g.body, service_codes: g.services.filter((c) => services.has(c)), published: true, updated_by: 'quantri' })
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
  }
  const any = await db.selectFrom('faq').select('id').limit(1).executeTakeFirst();
  if (any) return;
  for (const f of FAQ) {
    if (f.service && !services.has(f.service)) continue;
    await db
      .insertInto('faq')
      .values({ service_code: f.service, question: f.question, answer: f.answer, answerer_name: f.service ? 'Cán bộ tiếp nhận' : 'Quản trị cổng', answered_at: new Date(), published: true, views: f.views })
      .execute();
  }
}
