// The national portal, faked on this machine for the demo and the tests (someone else's system
// over real HTTP, as `dvctt payment-simulator` fakes a gateway): it forwards dossiers to dvctt,
// takes dvctt's pushes (checking the signature, taking each id once and each dossier's pushes in
// order), answers status queries, and can be told to fail for a while or hold its answers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FORWARDED_STATUS_PATH, INBOUND_PATH, PUSH_PATH, signedHeaders, verify, type Push } from './protocol.ts';

export interface ExchangeSimulatorOptions {
  secret: string;
  /** dvctt's address (its PUBLIC_URL), where dossiers are forwarded. */
  dvcttUrl?: string;
  port?: number;
  host?: string;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export class ExchangeSimulator {
  /** Every push taken, in the order taken (each id once). */
  readonly pushes: Push[] = [];
  /** Every dossier dvctt forwarded to another agency's system ("loai": "chuyen-ho-so"), each id once. */
  readonly forwarded: (Record<string, unknown> & { id: string; maHoSoQuocGia: string })[] = [];
  /** Every push request that reached the simulator, taken or not (ids, in order). */
  readonly attempts: string[] = [];
  /** Answer 503 to this many push requests from now (a portal down for a while). */
  failNext = 0;
  /** Take each push but never answer (the request hangs): the sender cannot know it arrived. */
  hold = false;
  base = '';
  private server: Server | undefined;
  private readonly held: ServerResponse[] = [];

  constructor(private readonly options: ExchangeSimulatorOptions) {}

  /** The URL dvctt pushes to (DVCTT_EXCHANGE_URL). */
  get url(): string {
    return this.base;
  }

  /** The pushes of one dossier, in order. */
  pushesOf(dossierCode: string): Push[] {
    return this.pushes.filter((p) => p.maHoSoQuocGia === dossierCode);
  }

  /** The status the national side knows for a dossier (its last push), if any. */
  statusOf(dossierCode: string): number | undefined {
    return this.pushesOf(dossierCode).at(-1)?.trangThai;
  }

  startMessage(publicUrl: string): string {
    return (
      `Cổng Dịch vụ công quốc gia mô phỏng đang chạy tại ${this.url}\n` +
      `Chuyển hồ sơ đến ${publicUrl}${INBOUND_PATH}; nhận cập nhật tại ${this.url}${PUSH_PATH}\n` +
      `Điều khiển: POST ${this.url}/mo-phong/that-bai?lan=N (trả lỗi N lần), POST ${this.url}/mo-phong/ho-so (chuyển một hồ sơ JSON đến dvctt)\n` +
      `Hồ sơ dvctt chuyển đi: GET ${this.url}/mo-phong/ho-so-chuyen-di; báo trạng thái: POST ${this.url}/mo-phong/trang-thai { maHoSoQuocGia, trangThai }\n` +
      `Chạy dvctt với:\n  DVCTT_EXCHANGE_URL=${this.url} DVCTT_EXCHANGE_SECRET=${this.options.secret} npm start\n`
    );
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(err)));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve));
    const a = this.server.address() as AddressInfo;
    this.base = `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const r of this.held.splice(0)) r.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Reports, signed, the status of a dossier dvctt forwarded (as the other agency's system would). */
  async reportStatus(dossierCode: string, trangThai: number): Promise<{ status: number; body: unknown }> {
    return this.post(FORWARDED_STATUS_PATH, { maHoSoQuocGia: dossierCode, trangThai }, {});
  }

  /** Forwards a dossier (the national fields) to dvctt, signed; dvctt's status and answer. */
  async forward(dossier: unknown, options: { secret?: string; now?: number } = {}): Promise<{ status: number; body: unknown }> {
    return this.post(INBOUND_PATH, dossier, options);
  }

  private async post(path: string, message: unknown, options: { secret?: string; now?: number }): Promise<{ status: number; body: unknown }> {
    if (!this.options.dvcttUrl) throw new Error('the simulator does not know dvctt’s address');
    const body = JSON.stringify(message);
    const res = await fetch(`${this.options.dvcttUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders(options.secret ?? this.options.secret, body, options.now) }, body });
    return { status: res.status, body: await res.json().catch(() => null) };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const json = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    if (req.method === 'POST' && url.pathname === PUSH_PATH) {
      const raw = await readBody(req);
      if (verify(this.options.secret, req.headers, raw) !== 'ok') return json(401, { loi: 'Sai chữ ký' });
      const push = JSON.parse(raw) as Push;
      this.attempts.push(push.id);
      if (this.failNext > 0) {
        this.failNext -= 1;
        return json(503, { loi: 'Hệ thống đang bảo trì' });
      }
      // The same id again (the sender did not learn of the first): taken once, answered as taken.
      if (this.pushes.some((p) => p.id === push.id) || this.forwarded.some((f) => f.id === push.id)) return json(200, { ketQua: 'da-nhan-truoc' });
      if ((push as { loai: string }).loai === 'chuyen-ho-so') {
        this.forwarded.push(push as unknown as ExchangeSimulator['forwarded'][number]);
        return json(200, { ketQua: 'da-nhan' });
      }
      const last = this.pushesOf(push.maHoSoQuocGia).at(-1)?.thuTu ?? 0;
      if (push.thuTu !== last + 1) return json(409, { loi: `Chờ cập nhật thứ ${last + 1}, nhận được thứ ${push.thuTu}` });
      this.pushes.push(push);
      if (this.hold) return void this.held.push(res);
      return json(200, { ketQua: 'da-nhan' });
    }
    const status = /^\/ho-so\/([^/]+)\/trang-thai$/.exec(url.pathname);
    if (req.method === 'GET' && status) {
      if (verify(this.options.secret, req.headers, '') !== 'ok') return json(401, { loi: 'Sai chữ ký' });
      const code = decodeURIComponent(status[1]!);
      const s = this.statusOf(code);
      return s === undefined ? json(404, { loi: 'Không có hồ sơ' }) : json(200, { maHoSoQuocGia: code, trangThai: s });
    }
    if (req.method === 'POST' && url.pathname === '/mo-phong/that-bai') {
      this.failNext = Math.max(0, Number(url.searchParams.get('lan') ?? '1') || 0);
      return json(200, { failNext: this.failNext });
    }
    if (req.method === 'GET' && url.pathname === '/mo-phong/ho-so-chuyen-di') return json(200, this.forwarded);
    if (req.method === 'POST' && url.pathname === '/mo-phong/trang-thai') {
      const m = JSON.parse(await readBody(req)) as { maHoSoQuocGia: string; trangThai: number };
      const answer = await this.reportStatus(m.maHoSoQuocGia, m.trangThai);
      return json(answer.status, answer.body);
    }
    if (req.method === 'POST' && url.pathname === '/mo-phong/ho-so') {
      const answer = await this.forward(JSON.parse(await readBody(req)));
      return json(answer.status, answer.body);
    }
    json(404, { loi: 'Không có địa chỉ này' });
  }
}
