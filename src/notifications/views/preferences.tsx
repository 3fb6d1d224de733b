import { Checkbox, Notice, Radios } from '../../web/components/form.tsx';
import { FormPanel } from '../../web/components/form-page.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import type { Preferences } from '../store.ts';

export function PreferencesPage({ ctx, prefs, saved }: { ctx: PageContext; prefs: Preferences; saved?: boolean }) {
  return (
    <Layout ctx={ctx} title="Cách nhận thông báo" description="Chọn kênh nhận thông báo về hồ sơ: thư điện tử, tin nhắn SMS.">
      <FormPanel
        title="Cách nhận thông báo"
        before={
          <>
            {saved && <Notice>Đã lưu cách nhận thông báo.</Notice>}
            <p>
              Mọi thông báo về hồ sơ luôn có trên trang <a href="/thong-bao">Thông báo</a> khi quý khách đăng nhập. Ngoài ra, cổng có thể gửi:
            </p>
          </>
        }
        action="/tai-khoan/thong-bao"
        csrfToken={ctx.csrfToken}
        submit="Lưu"
        back={{ href: '/tai-khoan', label: 'Quay lại tài khoản' }}
      >
        <Checkbox name="email" label="Gửi thư điện tử" checked={prefs.email} hint={prefs.emailAddress ? `Đến ${prefs.emailAddress}.` : 'Tài khoản chưa có địa chỉ thư điện tử; hãy bổ sung ở trang Tài khoản.'} />
        <Checkbox name="sms" label="Gửi tin nhắn SMS" checked={prefs.sms} hint={prefs.phone ? `Đến số ${prefs.phone}; tin nhắn viết không dấu khi cần gọn trong một tin.` : 'Tài khoản chưa có số điện thoại; hãy bổ sung ở trang Tài khoản.'} />
        <Radios
          name="locale"
          legend="Ngôn ngữ của thư và tin nhắn"
          value={prefs.locale}
          options={[
            { value: 'vi', label: 'Tiếng Việt' },
            { value: 'en', label: 'English' },
          ]}
        />
      </FormPanel>
    </Layout>
  );
}
