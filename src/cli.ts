// The `dvctt` command. Same settings as the server; on the embedded database a command connects
// to the server the running portal started for that DATA_DIR, or starts it and stops it after.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DatabaseConnectError, migrate, openDatabase, type OpenDatabase } from './db/index.ts';
import { DataDirError } from './data-dir.ts';
import { EmbeddedDatabaseError } from './db/embedded.ts';
import { InstanceLockError, runningPortal } from './instance-lock.ts';
import { DataSourceSimulator } from './datasources/index.ts';
import { seedDemo } from './seed.ts';
import { runDeadlineDigest } from './applications/deadlines-store.ts';
import { seedScale } from './scale.ts';
import { createAccount, DuplicateAccountError, identityText, normalizeUsername, passwordProblem, ROLES, usernameProblem, type Role } from './identity/index.ts';
import { CatalogFormatError, CsvError, exportCatalog, importCatalog, importCatalogCsv, nameDifferences, parseCatalogFile } from './catalog/index.ts';
import { GatewaySimulator, sweepFiles } from './applications/index.ts';
import { exportFormsCommand, importFormsCommand } from './forms/index.ts';
import { startSmsSimulator } from './notifications/index.ts';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalFileStore, S3FileStore } from './storage/index.ts';
import { StartError, createLogger, startMessage, startServer } from './server.ts';
import { installProcessPolicy } from './process-policy.ts';
import { composeModules } from './modules.ts';
import { certCommand, checkCommand } from './compliance/index.ts';
import { draftFormCommand, formReportText, servicesOnDefaultForm } from './forms/index.ts';
import { SIGNING_CERT_HELP, signingCertCommand } from './applications/results/signing-cert-cli.ts';
import { PAYMENT_CLI_HELP, paygovSimulatorCommand, reconcileCommand } from './applications/payment/payment-cli.ts';
import { EXCHANGE_CLI_HELP, exchangeReconcileCommand, exchangeSimulatorCommand } from './exchange/index.ts';

/** The portal's file store: the object store when one is set, else DATA_DIR/files. */
const fileStoreOf = (config: Config) => (config.objectStore ? new S3FileStore(config.objectStore) : new LocalFileStore(path.join(config.dataDir, 'files')));

const HELP = `dvctt — Cổng dịch vụ công trực tuyến (Thông tư 32/2017/TT-BTTTT)

Cách dùng: dvctt <lệnh> [tùy chọn]

Lệnh:
  start            Chạy cổng (di chuyển lược đồ, nạp dữ liệu mẫu lần đầu, lắng nghe HOST:PORT)
  migrate          Cập nhật lược đồ cơ sở dữ liệu lên phiên bản mới nhất
  seed [--force]   Nạp dữ liệu mẫu (bỏ qua nếu đã nạp, trừ khi có --force)
  import-catalog <tệp.json|tệp.csv>
                   Nhập danh mục thủ tục (định dạng docs/catalog-format.md); bản ghi lỗi
                   được liệt kê, bản ghi hợp lệ vẫn được nạp; nhập lại thì cập nhật; tệp CSV
                   có cột service,agency là danh sách cơ quan thực hiện thủ tục
  export-catalog [tệp.json]
                   Xuất toàn bộ danh mục cùng định dạng (mặc định ra màn hình)
  import-forms <tệp.json|thư-mục>
                   Nhập định nghĩa biểu mẫu (dvctt-form/1; docs/forms.md), mỗi tệp một giao
                   dịch: báo mới / không đổi / bị từ chối (vị trí và lý do) cho từng tệp
  export-forms [thư-mục]
                   Xuất các biểu mẫu đang công bố, mỗi biểu mẫu một tệp (mặc định ./bieu-mau)
  create-user --username U --password P --role citizen|officer|admin|manager
              [--agency MÃ] [--full-name "Họ tên"] [--email E]
                   Tạo tài khoản; cán bộ, quản trị và lãnh đạo cần --agency
  sweep-files [--dry-run]
                   Xóa các tệp đã lưu mà không hồ sơ, bản nháp, kho giấy tờ hay kết quả
                   nào dùng, cũ hơn 24 giờ; --dry-run chỉ liệt kê
  deadline-digest [--now ISO]
                   Gửi bản tin thời hạn hôm nay (quá 8 giờ chưa tiếp nhận, còn 1 ngày làm
                   việc, quá hạn) cho cán bộ và trưởng đơn vị; mỗi người một lần một ngày
  name-report      Liệt kê thủ tục có tên công bố khác tên pháp lý đã nhập (Điều 6.3)
  form-report      Liệt kê thủ tục mức độ 3, 4 chưa có biểu mẫu riêng (đang dùng biểu mẫu mặc định)
  draft-form <tệp.docx|tệp.doc> [--out tệp.json]
                   Đề xuất định nghĩa biểu mẫu điện tử từ mẫu đơn, tờ khai giấy (Word) để
                   quản trị viên sửa: in JSON (hoặc ghi vào --out) và bản tóm tắt
  payment-simulator [--port 8099] [--tmn-code MÃ] [--secret BÍ-MẬT]
                   Chạy cổng thanh toán mô phỏng (giao thức VNPAY 2.1.0) trên máy này để
                   thử thanh toán trực tuyến; in ra các biến DVCTT_PAYMENT_* cần đặt
${PAYMENT_CLI_HELP}${EXCHANGE_CLI_HELP}  datasource-simulator [--port 8097] [--fail | --slow | --garbage]
                   CSDL quốc gia mô phỏng (dân cư, hộ tịch, kết quả số hóa) trên máy này; in
                   các biến DVCTT_DATASOURCE_* cần đặt; --fail, --slow, --garbage: nguồn lỗi
  sms-simulator [--port 8098] [--key KHÓA]
                   Chạy nhà mạng SMS mô phỏng trên máy này (nhận tin, gửi báo cáo chuyển
                   phát); in ra SMS_GATEWAY_URL và DVCTT_SMS_API_KEY cần đặt
  cert [--type rsa|ec] [--host TÊN]... [--days N] [--out THƯ-MỤC] [--force]
                   Tạo chứng chỉ tự ký (RSA 2048 bit hoặc EC P-256) để thử HTTPS trên máy
  check <url> [--format text|json|html] [--resolver IP[:cổng]] [--ca tệp.pem] [--http-port N]
                   Báo cáo tuân thủ Thông tư 32 của một cổng đang chạy: TLS, HSTS, IPv6,
                   DNSSEC, bố cục trang chủ, sitemap.xml, 3 lần bấm chuột, tờ khai điện tử
                   của thủ tục mức độ 3, 4, tiếp cận (axe)
${SIGNING_CERT_HELP}  --help           Hiện trợ giúp này

Cấu hình qua biến môi trường: PORT, HOST, DATA_DIR, DATABASE_URL, PUBLIC_URL,
TLS_CERT_FILE, TLS_KEY_FILE, SMTP_URL, SMS_GATEWAY_URL và DVCTT_* (xem README).
`;

/** Open the database for a one-off command and tell how to close it. */
async function withDatabase<T>(config: Config, work: (database: OpenDatabase) => Promise<T>): Promise<T> {
  const database = await openDatabase(config, (msg) => process.stderr.write(msg + '\n'));
  try {
    return await work(database);
  } finally {
    // Stop the embedded server only if this command started it and no portal has come to use it.
    const stop = !!database.embedded?.owned && !(await runningPortal(config.dataDir));
    await database.close({ stopEmbedded: stop });
  }
}

class CliError extends Error {
  override name = 'CliError';
}

function userProblem(v: { username?: string; password?: string; role?: string; agency?: string }): string | undefined {
  if (!v.username) return 'Thiếu --username.';
  const u = usernameProblem(normalizeUsername(v.username));
  if (u) return u;
  if (!v.password) return 'Thiếu --password.';
  const p = passwordProblem(v.password, v.username);
  if (p) return p;
  if (!(ROLES as readonly string[]).includes(v.role ?? '')) return `Vai trò "${v.role}" không tồn tại; dùng ${ROLES.join(', ')}.`;
  if (v.role !== 'citizen' && !v.agency) return `Vai trò ${v.role} cần --agency (mã cơ quan).`;
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const config = loadConfig();
  composeModules();
  switch (command) {
    case 'start': {
      const logger = createLogger(config);
      const server = await startServer(config, logger);
      // A database outage keeps the process serving 503; a programming error stops it (P1, P6).
      installProcessPolicy(logger, () => server.stop());
      process.stdout.write(startMessage(config, server.database.description));
      let signals = 0;
      const shutdown = (signal: NodeJS.Signals) => {
        signals += 1;
        if (signals > 1) {
          logger.warn({ signal }, 'second signal: exiting now');
          process.exit(1);
        }
        logger.info({ signal }, 'shutting down: finishing requests in flight');
        server.stop().then(
          () => {
            logger.info('stopped');
            process.exit(0);
          },
          (err: unknown) => {
            logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
      // SIGHUP: read TLS_CERT_FILE and TLS_KEY_FILE again, without dropping a connection.
      process.on('SIGHUP', () => {
        const result = server.reloadCertificate?.();
        logger.info({ result: result ?? 'no TLS' }, 'SIGHUP: certificate reload');
      });
      return new Promise<number>(() => undefined); // runs until a signal
    }
    case 'migrate': {
      const result = await withDatabase(config, (d) => migrate(d.db));
      const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
      process.stdout.write(applied.length ? `Đã áp dụng: ${applied.join(', ')}\n` : 'Lược đồ đã ở phiên bản mới nhất.\n');
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { force: { type: 'boolean', default: false }, scale: { type: 'string' } } });
      if (values.scale !== undefined) {
        const n = Number(values.scale);
        if (!Number.isInteger(n) || n < 1 || n > 100_000) {
          process.stderr.write('--scale cần một số nguyên từ 1 đến 100000 (số thủ tục; công dân gấp 10, hồ sơ gấp 100).\n');
          return 2;
        }
        const report = await withDatabase(config, async (d) => {
          await migrate(d.db);
          await seedDemo(d.db, { info: () => undefined } as never);
          return seedScale(d.db, n, (line) => process.stderr.write(`  ${line}\n`));
        });
        process.stdout.write(
          `Đã sinh dữ liệu quy mô trong ${report.seconds} giây. Tổng: ${report.services} thủ tục, ${report.citizens} tài khoản, ` +
            `${report.applications} hồ sơ, ${report.events} bước xử lý, ${report.ratings} đánh giá, ${report.notices} thông báo.\n`,
        );
        return 0;
      }
      const ran = await withDatabase(config, async (d) => {
        await migrate(d.db);
        return seedDemo(d.db, { info: (o: unknown) => process.stderr.write(`${JSON.stringify(o)}\n`) } as never, { force: values.force });
      });
      process.stdout.write(ran ? 'Đã nạp dữ liệu mẫu.\n' : 'Dữ liệu mẫu đã có; dùng --force để nạp lại.\n');
      return 0;
    }
    case 'import-catalog': {
      const file = rest[0];
      if (!file) {
        process.stderr.write('Cách dùng: dvctt import-catalog <tệp.json>\n');
        return 2;
      }
      let raw: string;
      try {
        raw = await readFile(file, 'utf8');
      } catch (err) {
        throw new CatalogFormatError(`Không đọc được tệp ${file}: ${(err as Error).message}`);
      }
      const isCsv = file.toLowerCase().endsWith('.csv');
      const parsed = isCsv ? undefined : parseCatalogFile(raw);
      const report = await withDatabase(config, async (d) => {
        await migrate(d.db);
        // A form's official file (C6) is read beside the imported file and kept in the file store.
        return parsed ? importCatalog(d.db, parsed, { formFiles: { dir: path.dirname(path.resolve(file)), store: fileStoreOf(config) } }) : importCatalogCsv(d.db, raw);
      });
      const line = (name: string, t: { inserted: number; updated: number }) => `  ${name}: ${t.inserted} mới, ${t.updated} cập nhật\n`;
      process.stdout.write(`Đã nhập ${file}:\n${line('loại giấy tờ', report.documentKinds)}${line('cơ quan', report.agencies)}${line('thủ tục', report.services)}${line('cơ quan thực hiện', report.implementations)}`);
      // A field edited in the portal is kept; the operator is told what the file said instead.
      if (report.conflicts.length) {
        process.stdout.write(`${report.conflicts.length} trường đã sửa trên cổng được giữ nguyên (tệp nhập có giá trị khác):\n`);
        for (const c of report.conflicts) process.stdout.write(`  ${c.at} (${c.key}), trường ${c.field}: giữ ${JSON.stringify(c.local.value)} (${c.local.by}, ${c.local.at}); tệp có ${JSON.stringify(c.imported)}\n`);
      }
      if (report.problems.length) {
        process.stdout.write(`${report.problems.length} bản ghi không được nhập:\n`);
        for (const p of report.problems) process.stdout.write(`  ${p.at}${p.key ? ` (${p.key})` : ''}: ${p.message}\n`);
        return 3;
      }
      return 0;
    }
    case 'export-catalog': {
      const data = await withDatabase(config, (d) => exportCatalog(d.db));
      const text = JSON.stringify(data, null, 2) + '\n';
      if (rest[0]) {
        await writeFile(rest[0], text);
        process.stderr.write(`Đã xuất ${data.services?.length ?? 0} thủ tục vào ${rest[0]}\n`);
      } else {
        process.stdout.write(text);
      }
      return 0;
    }
    case 'import-forms': {
      if (!rest[0]) {
        process.stderr.write('Cách dùng: dvctt import-forms <tệp.json|thư-mục>\n');
        return 2;
      }
      const out = (line: string) => process.stdout.write(`${line}\n`);
      return withDatabase(config, async (d) => {
        await migrate(d.db);
        return importFormsCommand(d.db, rest[0]!, out);
      });
    }
    case 'export-forms':
      return withDatabase(config, (d) => exportFormsCommand(d.db, rest[0] ?? 'bieu-mau', (line) => process.stdout.write(`${line}\n`)));
    case 'create-user': {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          password: { type: 'string' },
          role: { type: 'string', default: 'citizen' },
          agency: { type: 'string' },
          'full-name': { type: 'string' },
          email: { type: 'string' },
        },
      });
      const problem = userProblem(values);
      if (problem) {
        process.stderr.write(`dvctt: ${problem}\n`);
        return 1;
      }
      const role = values.role as Role;
      const id = await withDatabase(config, async (d) => {
        await migrate(d.db);
        if (values.agency && !(await d.db.selectFrom('agency').select('code').where('code', '=', values.agency).executeTakeFirst())) {
          throw new CliError(`Cơ quan "${values.agency}" không có trong danh mục (xem dvctt import-catalog).`);
        }
        try {
          return await createAccount(d.db, { username: values.username!, password: values.password!, role, agencyCode: values.agency ?? null, fullName: values['full-name'] ?? values.username!, email: values.email ?? null });
        } catch (err) {
          if (err instanceof DuplicateAccountError) throw new CliError(identityText(err.problem));
          throw err;
        }
      });
      process.stdout.write(`Đã tạo tài khoản ${values.username} (${role}${values.agency ? `, ${values.agency}` : ''}), mã ${id}.\n`);
      return 0;
    }
    case 'cert':
      return certCommand(rest, (s) => process.stdout.write(s));
    case 'check':
      return checkCommand(rest, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    case 'payment-simulator': {
      const { values } = parseArgs({ args: rest, options: { port: { type: 'string', default: '8099' }, 'tmn-code': { type: 'string', default: 'DVCTTDEMO' }, secret: { type: 'string', default: 'dvctt-mo-phong-khong-dung-that' } } });
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CliError(`Cổng "${values.port}" không hợp lệ.`);
      const simulator = await new GatewaySimulator({ tmnCode: values['tmn-code'], secret: values.secret, port, ipnUrl: `${config.publicUrl}/api/v1/payments/vnpay/ipn` }).start();
      process.stdout.write(simulator.startMessage(config.publicUrl));
      return new Promise<number>(() => undefined); // runs until interrupted
    }
    case 'datasource-simulator': {
      const { values } = parseArgs({ args: rest, options: { port: { type: 'string', default: '8097' }, fail: { type: 'boolean' }, slow: { type: 'boolean' }, garbage: { type: 'boolean' } } });
      if (!/^\d{1,5}$/.test(values.port) || Number(values.port) < 1 || Number(values.port) > 65535) throw new CliError(`Cổng "${values.port}" không hợp lệ.`);
      const sim = new DataSourceSimulator({ mode: values.fail ? 'fail' : values.slow ? 'slow' : values.garbage ? 'garbage' : 'ok' });
      process.stdout.write(sim.startMessage((await sim.start(Number(values.port))).url));
      return new Promise<number>(() => undefined); // runs until interrupted
    }
    case 'exchange-simulator':
      return exchangeSimulatorCommand(rest, config.publicUrl, (s) => process.stdout.write(s));
    case 'exchange-reconcile':
      return exchangeReconcileCommand(config.exchange, (work) => withDatabase(config, (d) => work(d.db)), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    case 'paygov-simulator':
      return paygovSimulatorCommand(rest, config.publicUrl, (s) => process.stdout.write(s));
    case 'payment-reconcile':
      return reconcileCommand(rest, config.paygov, (work) => withDatabase(config, (d) => work(d.db)), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    case 'sms-simulator': {
      const { values } = parseArgs({ args: rest, options: { port: { type: 'string', default: '8098' }, key: { type: 'string', default: 'dvctt-sms-mo-phong' } } });
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CliError(`Cổng "${values.port}" không hợp lệ.`);
      const sim = await startSmsSimulator({ apiKey: values.key, port, log: (line) => process.stdout.write(`${line}\n`) });
      process.stdout.write(`Nhà mạng SMS mô phỏng đang chạy tại ${sim.url} (tin đã nhận: GET ${sim.url}/messages)\nChạy cổng dịch vụ công với:\n  SMS_GATEWAY_URL=${sim.url} DVCTT_SMS_API_KEY=${values.key} npm start\n`);
      return new Promise<number>(() => undefined); // runs until interrupted
    }
    case 'sweep-files': {
      const { values } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean', default: false } } });
      const dryRun = values['dry-run'];
      const files = fileStoreOf(config);
      const { removed, kept } = await withDatabase(config, (d) => sweepFiles(d.db, files, { dryRun }));
      for (const key of removed) process.stdout.write(`${dryRun ? 'sẽ xóa' : 'đã xóa'} ${key}\n`);
      process.stdout.write(`${dryRun ? 'Sẽ xóa' : 'Đã xóa'} ${removed.length} tệp không còn dùng; giữ ${kept} tệp.\n`);
      return 0;
    }
    case 'deadline-digest': {
      const { values } = parseArgs({ args: rest, options: { now: { type: 'string' } } });
      const now = values.now ? new Date(values.now) : new Date();
      if (Number.isNaN(now.getTime())) {
        process.stderr.write(`--now "${values.now}" không phải thời điểm hợp lệ (ví dụ 2026-12-07T07:30:00+07:00).\n`);
        return 2;
      }
      const r = await withDatabase(config, async (d) => {
        await migrate(d.db);
        return runDeadlineDigest(d.db, now);
      });
      process.stdout.write(`Bản tin thời hạn ngày ${r.day}: đã gửi ${r.sent} người (${r.people} người có hồ sơ cần chú ý; ai đã nhận hôm nay thì không gửi lại), ${r.ms} ms.\n`);
      return 0;
    }
    case 'name-report': {
      const rows = await withDatabase(config, (d) => nameDifferences(d.db));
      if (!rows.length) {
        process.stdout.write('Mọi thủ tục đều công bố đúng tên pháp lý.\n');
        return 0;
      }
      process.stdout.write(`${rows.length} thủ tục có tên công bố khác tên pháp lý:\n`);
      for (const r of rows) process.stdout.write(`  ${r.code} (${r.agencyName})\n    tên công bố: ${r.name}\n    tên pháp lý: ${r.legalName}\n`);
      return 4;
    }
    case 'form-report':
      process.stdout.write(formReportText(await withDatabase(config, (d) => servicesOnDefaultForm(d.db))));
      return 0;
    case 'signing-cert':
      return signingCertCommand(rest, { dir: config.signingKeyDir, password: config.signingCertPassword, withDb: (work) => withDatabase(config, (d) => work(d.db)), out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
    case 'draft-form':
      return draftFormCommand(rest, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    default:
      process.stderr.write(`Lệnh không tồn tại: "${command}". Xem: dvctt --help\n`);
      return 2;
  }
}

const KNOWN = [CliError, CatalogFormatError, CsvError, ConfigError, DataDirError, DatabaseConnectError, EmbeddedDatabaseError, InstanceLockError, StartError];

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (KNOWN.some((k) => err instanceof k)) {
      process.stderr.write(`dvctt: ${(err as Error).message}\n`);
    } else if (err instanceof TypeError && /parseArgs|Unknown option/i.test(String(err))) {
      process.stderr.write(`dvctt: ${(err as Error).message}\n`);
    } else {
      process.stderr.write(`dvctt: lỗi không mong đợi: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    process.exit(1);
  },
);
