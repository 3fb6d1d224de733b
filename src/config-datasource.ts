// The national databases' settings (Art. 15.3): read here, so config.ts only names them.
// DVCTT_DATASOURCE_URL turns the platform adapter on (http only to this machine, the simulator);
// DVCTT_DATASOURCE_KEY is the platform's access key, required with it.

export const DATASOURCE_SETTINGS = ['DVCTT_DATASOURCE_URL', 'DVCTT_DATASOURCE_KEY'];

export interface DataSourceConfig {
  url: string;
  key: string;
}

type Fail = (setting: string, message: string) => never;

export function parseDataSource(env: Record<string, string | undefined>, fail: Fail): DataSourceConfig | undefined {
  const raw = env.DVCTT_DATASOURCE_URL?.trim() ?? '';
  const key = env.DVCTT_DATASOURCE_KEY?.trim() ?? '';
  if (!raw) {
    if (key) fail('DVCTT_DATASOURCE_KEY', 'chỉ dùng khi đã đặt DVCTT_DATASOURCE_URL.');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('DVCTT_DATASOURCE_URL', `"${raw.slice(0, 80)}" không phải địa chỉ URL (ví dụ https://lgsp.khanhhoa.gov.vn/csdl).`);
  }
  if (url.username || url.password) fail('DVCTT_DATASOURCE_URL', 'không ghi tên, mật khẩu trong địa chỉ; khóa truy cập đặt ở DVCTT_DATASOURCE_KEY.');
  const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) fail('DVCTT_DATASOURCE_URL', `"${raw.slice(0, 80)}" phải dùng https:// (http:// chỉ được phép với máy này, cho bộ mô phỏng).`);
  if (!/^[\x21-\x7e]{16,200}$/.test(key)) fail('DVCTT_DATASOURCE_KEY', 'cần khóa truy cập nền tảng tích hợp dữ liệu (16–200 ký tự, không dấu cách) cùng DVCTT_DATASOURCE_URL.');
  return { url: url.toString(), key };
}
