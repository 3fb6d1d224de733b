// `dvctt create-user` as an operator runs it, against each database.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { importCatalog, parseCatalogFile } from '../src/catalog/index.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { runDvctt } from './helpers/process.ts';

const EXAMPLE = path.join(import.meta.dirname, '..', 'docs', 'catalog-example.json');

describeEachDatabase('dvctt create-user', (get) => {
  test('creates the first administrator and staff of an agency; refuses bad input with a clear line', async () => {
    await importCatalog(get().db, parseCatalogFile(readFileSync(EXAMPLE, 'utf8')));
    const env = { DATABASE_URL: get().url, DVCTT_DEMO_DATA: 'false' };
    const admin = await runDvctt(['create-user', '--username', 'quantri.tinh', '--password', 'Quan-tri-2026', '--role', 'admin', '--agency', '000.00.00.H99', '--full-name', 'Quản trị tỉnh'], env);
    assert.equal(admin.code, 0, admin.output);
    assert.match(admin.output, /Đã tạo tài khoản quantri.tinh \(admin, 000.00.00.H99\)/);
    const row = await get().db.selectFrom('account').select(['role', 'agency_code', 'full_name', 'password_hash']).where('username', '=', 'quantri.tinh').executeTakeFirstOrThrow();
    assert.equal(row.role, 'admin');
    assert.equal(row.full_name, 'Quản trị tỉnh');
    assert.match(row.password_hash!, /^\$argon2id\$/, 'the password is stored as an Argon2id hash');

    const cases: [string[], RegExp][] = [
      [['--username', 'canbo', '--password', 'Can-bo-2026!', '--role', 'officer'], /Vai trò officer cần --agency/],
      [['--username', 'canbo', '--password', 'Can-bo-2026!', '--role', 'officer', '--agency', '999.99.99.H99'], /Cơ quan "999.99.99.H99" không có trong danh mục/],
      [['--username', 'canbo', '--password', 'ngan', '--role', 'citizen'], /Mật khẩu cần ít nhất 12 ký tự/],
      [['--username', 'canbo', '--password', 'Can-bo-202', '--role', 'citizen'], /Mật khẩu cần ít nhất 12 ký tự/],
      [['--username', '0912345678', '--password', 'Can-bo-2026!', '--role', 'citizen'], /Tên đăng nhập cần có ít nhất một chữ cái/],
      [['--username', 'canbo', '--password', 'Can-bo-2026!', '--role', 'vua'], /Vai trò "vua" không tồn tại/],
      [['--username', 'quantri.tinh', '--password', 'Khac-nhau-2026', '--role', 'citizen'], /Tên đăng nhập này đã có người dùng/],
    ];
    for (const [args, message] of cases) {
      const res = await runDvctt(['create-user', ...args], env);
      assert.equal(res.code, 1, `${args.join(' ')}\n${res.output}`);
      assert.match(res.output, message);
    }
    const count = await get().db.selectFrom('account').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1, 'nothing else was created');
  });
});
