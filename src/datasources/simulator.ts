// `dvctt datasource-simulator`: the national databases as the platform answers them (protocol.ts),
// on this machine, with demo people — the demo citizen congdan and a newborn — and a switch to
// fail (500), answer garbage, or never answer (slow), for trying the portal's soft failure.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SimulatorMode = 'ok' | 'fail' | 'garbage' | 'slow';

const ADDRESS = { tinh: 'Tỉnh Khánh Hòa', xa: 'Phường Nha Trang', chiTiet: '12 Trần Phú' };

/** The demo people: congdan (Nguyễn Văn An) and his newborn son, registered electronically. */
export const DEMO_PEOPLE = [
  { soDinhDanh: '056090001234', hoTen: 'Nguyễn Văn An', ngaySinh: '1990-05-20', noiThuongTru: ADDRESS },
  { soDinhDanh: '056226000101', hoTen: 'Nguyễn Minh Khang', ngaySinh: '2026-11-20', noiThuongTru: ADDRESS },
];
export const DEMO_BIRTHS = [
  { soDinhDanh: '056090001234', hoTen: 'Nguyễn Văn An', ngaySinh: '1990-05-20', soDangKy: '145/1990', coQuanDangKy: 'Ủy ban nhân dân phường Vĩnh Phước, thành phố Nha Trang', ngayDangKy: '1990-06-02' },
  { soDinhDanh: '056226000101', hoTen: 'Nguyễn Minh Khang', ngaySinh: '2026-11-20', soDangKy: '312/2026', coQuanDangKy: 'Ủy ban nhân dân phường Nha Trang', ngayDangKy: '2026-11-25' },
];
export const DEMO_RESULTS: Record<string, object[]> = {
  '056090001234': [
    { maKetQua: 'KQ-DHYD-2013-0456', loai: 'van-bang-chuyen-mon', ten: 'Bằng Dược sĩ đại học', coQuanCap: 'Trường Đại học Y Dược Thành phố Hồ Chí Minh', ngayCap: '2013-07-15', hieuLucDen: null },
    { maKetQua: 'KQ-BVKH-2026-7781', loai: 'giay-chung-nhan-suc-khoe', ten: 'Giấy chứng nhận sức khỏe', coQuanCap: 'Bệnh viện Đa khoa tỉnh Khánh Hòa', ngayCap: '2026-10-01', hieuLucDen: '2027-03-31' },
  ],
};

export class DataSourceSimulator {
  mode: SimulatorMode;
  readonly key: string;
  /** Requests received, for tests: path and whether the key was right. */
  readonly requests: { path: string; authorised: boolean }[] = [];
  private server: Server | undefined;

  constructor(options: { key?: string; mode?: SimulatorMode } = {}) {
    this.key = options.key ?? 'khoa-mo-phong-csdl-quoc-gia-2026';
    this.mode = options.mode ?? 'ok';
  }

  async start(port = 0): Promise<{ url: string }> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const authorised = req.headers.authorization === `Bearer ${this.key}`;
      this.requests.push({ path: url.pathname + url.search, authorised });
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      if (this.mode === 'slow') return; // never answers: the portal's timeout must end the wait
      if (this.mode === 'fail') return send(500, { loi: 'Hệ thống đang bảo trì' });
      if (this.mode === 'garbage') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Bảo trì</html>');
      if (!authorised) return send(401, { loi: 'Khóa truy cập không đúng' });
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const last = parts.at(-1) ?? '';
      if (parts[0] === 'dan-cu' && parts[1] === 'cong-dan') {
        const p = DEMO_PEOPLE.find((x) => x.soDinhDanh === last);
        return p ? send(200, p) : send(404, { loi: 'Không tìm thấy công dân' });
      }
      if (parts[0] === 'ho-tich' && parts[1] === 'khai-sinh') {
        const b = DEMO_BIRTHS.find((x) => x.soDinhDanh === url.searchParams.get('soDinhDanh') && x.hoTen === url.searchParams.get('hoTen'));
        return b ? send(200, b) : send(404, { loi: 'Không tìm thấy đăng ký khai sinh' });
      }
      if (parts[0] === 'ket-qua-so' && parts.length === 2) return send(200, { ketQua: (DEMO_RESULTS[last] ?? []).filter((r) => (r as { loai: string }).loai === url.searchParams.get('loai')) });
      return send(404, { loi: 'Không có dịch vụ này' });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    return { url: `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/` };
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  startMessage(url: string): string {
    return `Cơ sở dữ liệu quốc gia mô phỏng đang chạy tại ${url} (chế độ: ${this.mode}).\nĐặt cho cổng:\n  DVCTT_DATASOURCE_URL=${url}\n  DVCTT_DATASOURCE_KEY=${this.key}\nCông dân mẫu: 056090001234 (congdan, Nguyễn Văn An), trẻ mới sinh 056226000101 (Nguyễn Minh Khang). Ctrl+C để dừng.\n`;
  }
}
