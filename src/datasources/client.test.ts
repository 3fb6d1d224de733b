// The platform adapter against the simulator on loopback: what each answer becomes, and the reason
// logged when the source fails (Art. 15.3).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { platformSource } from './client.ts';
import { DataSourceSimulator } from './simulator.ts';

const sim = new DataSourceSimulator();
const warnings: { reason: string; source: string }[] = [];
const log = { warn: (o: object) => void warnings.push(o as { reason: string; source: string }) };
let url = '';
before(async () => {
  url = (await sim.start()).url;
});
after(() => sim.stop());

test('found, not there, and the key sent as a bearer token', async () => {
  const source = platformSource({ url, key: sim.key }, log);
  sim.mode = 'ok';
  const an = await source.citizen('056090001234');
  assert.deepEqual(an, { status: 'found', value: { idNumber: '056090001234', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-20', permanentAddress: { province: 'Tỉnh Khánh Hòa', commune: 'Phường Nha Trang', detail: '12 Trần Phú' } } });
  const baby = await source.birth('056226000101', 'Nguyễn Minh Khang');
  assert.equal(baby.status === 'found' && baby.value.registrationNumber, '312/2026');
  assert.deepEqual(await source.birth('056226000101', 'Nguyễn Minh Khoa'), { status: 'absent' });
  assert.deepEqual(await source.citizen('056000000000'), { status: 'absent' });
  const degree = await source.results('056090001234', 'van-bang-chuyen-mon');
  assert.deepEqual(degree.status === 'found' && degree.value.map((r) => r.title), ['Bằng Dược sĩ đại học']);
  assert.ok(sim.requests.every((r) => r.authorised));
  assert.deepEqual(warnings, []);
});

test('down, garbage, a wrong key or no answer within the timeout: failed, with the reason logged', async () => {
  const source = platformSource({ url, key: sim.key }, log, 300);
  const cases: [typeof sim.mode, RegExp][] = [
    ['fail', /^status 500$/],
    ['garbage', /^answer is not JSON$/],
    ['slow', /^timeout after 300 ms$/],
  ];
  for (const [mode, reason] of cases) {
    sim.mode = mode;
    warnings.length = 0;
    const t = Date.now();
    const r = await source.citizen('056090001234');
    assert.equal(r.status, 'failed', mode);
    assert.ok(Date.now() - t < 1500, `${mode} took ${Date.now() - t} ms`);
    assert.match(warnings[0]?.reason ?? '', reason);
    assert.equal(warnings[0]?.source, 'dan-cu');
  }
  sim.mode = 'ok';
  warnings.length = 0;
  assert.equal((await platformSource({ url, key: 'khoa-sai-khoa-sai-khoa-sai' }, log).citizen('056090001234')).status, 'failed');
  assert.match(warnings[0]?.reason ?? '', /status 401/);
  // Nothing listens there: unreachable.
  warnings.length = 0;
  assert.equal((await platformSource({ url: 'http://127.0.0.1:9/', key: sim.key }, log).citizen('056090001234')).status, 'failed');
  assert.match(warnings[0]?.reason ?? '', /^unreachable/);
});

test('an answer about another person, or with a field missing, is garbage', async () => {
  const { readCitizen, readResults, GarbageError } = await import('./protocol.ts');
  const ok = { soDinhDanh: '056090001234', hoTen: 'A', ngaySinh: '1990-05-20', noiThuongTru: { tinh: 't', xa: 'x', chiTiet: 'c' } };
  assert.throws(() => readCitizen(ok, '056090009999'), GarbageError);
  assert.throws(() => readCitizen({ ...ok, ngaySinh: '20/05/1990' }, '056090001234'), GarbageError);
  assert.throws(() => readCitizen({ ...ok, noiThuongTru: null }, '056090001234'), GarbageError);
  assert.throws(() => readResults({ ketQua: 'x' }, 'k'), GarbageError);
  assert.deepEqual(readResults({ ketQua: [] }, 'k'), []);
});
