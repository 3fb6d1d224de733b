// F1–F3: the default form made from a catalog record loads like any definition, and its example
// answers pass validation — for every level-3/4 service of the demo catalog.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CatalogFile } from '../catalog/index.ts';
import { loadDefinition } from './definition-schema.ts';
import { defaultFormFor, defaultFormId, isConditionalComponent, isDefaultForm } from './default-form.ts';
import { validateAnswers } from './validate.ts';

const catalog = JSON.parse(readFileSync(new URL('../catalog/demo/catalog.json', import.meta.url), 'utf8')) as CatalogFile;
const online = (catalog.services ?? []).filter((s) => s.level >= 3);
const service = (code: string) => online.find((s) => s.code === code)!;

test('every level-3/4 demo service gets a default form that loads and whose example is valid', () => {
  assert.ok(online.length >= 50, `${online.length} online services`);
  for (const s of online) {
    const def = loadDefinition(JSON.parse(JSON.stringify(defaultFormFor(s))));
    assert.equal(def.id, defaultFormId(s.code));
    assert.deepEqual(def.services, [s.code]);
    const { errors } = validateAnswers(def, def.example!);
    assert.deepEqual(errors, {}, `${s.code}: ${JSON.stringify(errors)}`);
  }
});

test('the form id is mac-dinh- and the code with dashes, as the id pattern allows no dots', () => {
  const def = defaultFormFor(service('1.000656'));
  assert.equal(def.id, 'mac-dinh-1-000656');
  assert.ok(isDefaultForm(def));
  assert.ok(!isDefaultForm({ id: 'mau02-cchn-duoc' }));
});

test('the applicant block offers what the account and the data store hold; the request speaks the service’s words', () => {
  const s = service('1.000656');
  const def = defaultFormFor(s);
  const fields = def.sections.flatMap((x) => x.fields);
  const prefill = Object.fromEntries(fields.filter((f) => f.prefill).map((f) => [f.id, f.prefill]));
  assert.deepEqual(prefill, { fullName: 'fullName', dateOfBirth: 'dateOfBirth', idNumber: 'idNumber', permanentAddress: 'permanentAddress', phone: 'phone', email: 'email' });
  assert.equal(def.title, 'Đề nghị: Đăng ký khai tử');
  const content = fields.find((f) => f.id === 'content')!;
  assert.equal(content.type, 'textarea');
  assert.equal(content.required, true);
  assert.match(content.help!, /Họ, chữ đệm, tên người chết/, 'the items of the official declaration are named');
  assert.equal(fields.find((f) => f.id === 'declaration')?.type, 'consent');
});

test('one attachment per dossier component, with its counts as help; the one declaration "theo mẫu" is the e-form itself', () => {
  const s = service('1.000656');
  const def = defaultFormFor(s);
  const files = def.sections.flatMap((x) => x.fields).filter((f) => f.type === 'attachment');
  assert.deepEqual(
    files.map((f) => f.type === 'attachment' && f.component),
    s.components.filter((c) => c.kind !== 'to-khai').map((c) => c.id),
  );
  const death = files.find((f) => f.type === 'attachment' && f.component === 'giay-bao-tu')!;
  assert.equal(death.required, true);
  assert.match(death.help!, /01 bản chính/);
  const proxy = files.find((f) => f.type === 'attachment' && f.component === 'uy-quyen')!;
  assert.equal(proxy.required, undefined, '"(trường hợp ủy quyền thực hiện)" is asked only in that case');
  // Two declarations: neither is the e-form, both stay papers to send.
  const both = defaultFormFor(service('1.000689'));
  assert.equal(both.sections.flatMap((x) => x.fields).filter((f) => f.type === 'attachment').length, 4);
});

test('fees are told beside the request; a free service says so', () => {
  const paid = defaultFormFor(service('1.004616'));
  assert.match(paid.sections[1]!.help!, /500\.000 đồng/);
  const free = defaultFormFor(service('1.000656'));
  assert.match(free.sections[1]!.help!, /Miễn lệ phí/);
});

test('a component asked only in some cases is recognised by its words', () => {
  assert.ok(isConditionalComponent('Văn bản ủy quyền (trường hợp ủy quyền thực hiện)'));
  assert.ok(isConditionalComponent('Giấy tờ chứng minh thuộc đối tượng hưởng trợ cấp (nếu có)'));
  assert.ok(isConditionalComponent('Bản sao các giấy tờ liên quan đến khuyết tật (bệnh án, giấy tờ khám) nếu có'));
  assert.ok(isConditionalComponent('Bản sao Giấy xác nhận khuyết tật (đối với người khuyết tật)'));
  assert.ok(!isConditionalComponent('Giấy chứng nhận đủ sức khỏe để hành nghề dược do cơ sở khám bệnh, chữa bệnh có thẩm quyền cấp'));
  assert.ok(!isConditionalComponent('Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh'));
});

test('the same record gives the same document (a stored copy is found again by its content)', () => {
  const s = service('2.001610');
  assert.deepEqual(defaultFormFor(s), defaultFormFor(structuredClone(s)));
});
