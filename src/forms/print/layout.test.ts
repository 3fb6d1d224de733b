import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { loadDefinition } from '../definition-schema.ts';
import { demoDefinitions } from '../registry.ts';

import { validateAnswers } from '../validate.ts';
import { buildSheet, dateWords, type Block } from './layout.ts';

const DEFINITIONS = demoDefinitions();
const demoDefinition = (code: string) => DEFINITIONS.find((d) => d.services.includes(code));

const birth = demoDefinition('1.001193')!;
const building = demoDefinition('1.013225')!;
const pharmacist = demoDefinition('1.004616')!;

const find = <K extends Block['kind']>(blocks: Block[], kind: K, label: string) => blocks.find((b): b is Extract<Block, { kind: K }> => b.kind === kind && 'label' in b && b.label === label);

describe('the two further real forms', () => {
  test('load, are attached to their services, and their examples are valid answers', () => {
    for (const file of ['tk-dang-ky-khai-sinh.json', 'mau01-gpxd-nha-o.json']) {
      const def = loadDefinition(JSON.parse(readFileSync(new URL(`../demo/${file}`, import.meta.url), 'utf8')));
      assert.ok(DEFINITIONS.some((d) => d.id === def.id), `${file} is in the registry`);
      const { errors } = validateAnswers(def, def.example!, { today: '2026-03-01' });
      assert.deepEqual(errors, {}, file);
    }
    assert.equal(birth.title, 'Tờ khai đăng ký khai sinh');
    assert.equal(building.number, 'Mẫu số 01');
  });

  test('the birth registration form asks for the child, the mother and the father, and refuses a missing child name in Vietnamese', () => {
    const { errors } = validateAnswers(birth, { ...birth.example, childName: '', motherName: 'Lê Thị Hà', motherBirthYear: undefined }, { today: '2026-03-01' });
    assert.equal(errors.childName, 'Hãy nhập họ, chữ đệm, tên.');
    assert.equal(errors.motherBirthYear, 'Hãy nhập năm sinh.');
  });
});

describe('the paper form of a definition', () => {
  test('blank: every item with dotted lines, boxes unticked, groups as tables with rows to fill, no date', () => {
    const sheet = buildSheet({ def: pharmacist });
    assert.equal(sheet.title, 'ĐƠN ĐỀ NGHỊ CẤP CHỨNG CHỈ HÀNH NGHỀ DƯỢC');
    assert.equal(sheet.numberLine, 'Mẫu số 02');
    assert.equal(sheet.signer, 'NGƯỜI LÀM ĐƠN');
    assert.deepEqual(find(sheet.blocks, 'line', 'Họ và tên'), { kind: 'line', number: '1.', label: 'Họ và tên', value: undefined, lines: 1 });
    assert.ok(find(sheet.blocks, 'line', 'Số Chứng chỉ hành nghề dược đã bị thu hồi'), 'conditional items are on the paper form');
    const table = find(sheet.blocks, 'table', 'Quá trình thực hành chuyên môn')!;
    assert.deepEqual(table.columns.map((c) => c.label), ['Tên cơ sở thực hành', 'Từ ngày', 'Đến ngày', 'Nội dung thực hành']);
    assert.equal(table.rows.length, 3);
    assert.ok(find(sheet.blocks, 'choices', 'Giới tính')!.options.every((o) => !o.checked));
    assert.equal(dateWords(sheet.placeDate), '…………, ngày …… tháng …… năm ……');
  });

  test('filled: answers where the lines were, chosen boxes ticked, hidden items left out, the date and name under the signature', () => {
    const { values } = validateAnswers(pharmacist, pharmacist.example!, { today: '2026-03-01' });
    const sheet = buildSheet({ def: pharmacist, values, date: new Date('2026-02-05T20:00:00Z') });
    assert.equal(find(sheet.blocks, 'line', 'Ngày, tháng, năm sinh')!.value, '12/04/1990');
    assert.equal(find(sheet.blocks, 'line', 'Địa chỉ thường trú')!.value, '12 Trần Phú, Phường Nha Trang, Tỉnh Khánh Hòa');
    assert.deepEqual(find(sheet.blocks, 'choices', 'Giới tính')!.options, [
      { label: 'Nam', checked: false },
      { label: 'Nữ', checked: true },
    ]);
    assert.equal(find(sheet.blocks, 'line', 'Số Chứng chỉ hành nghề dược đã bị thu hồi'), undefined);
    assert.deepEqual(find(sheet.blocks, 'table', 'Quá trình thực hành chuyên môn')!.rows, [['Nhà thuốc Bệnh viện Đa khoa tỉnh Khánh Hòa', '01/09/2013', '31/08/2015', 'Bán lẻ thuốc, tư vấn sử dụng thuốc']]);
    // 20:00 UTC is the next morning in Vietnam; February is written with its zero.
    assert.equal(dateWords(sheet.placeDate), 'Nha Trang, ngày 06 tháng 02 năm 2026');
    assert.equal(sheet.signName, 'Nguyễn Thị Lan');
    assert.match(sheet.pledge[0]!, /^Tôi xin cam đoan/);
  });

  test('numbering by sections: "1." on a section, "-" on its items; a one-item section is that item', () => {
    const { values } = validateAnswers(building, building.example!, { today: '2026-03-01' });
    const sheet = buildSheet({ def: building, values });
    assert.deepEqual(sheet.blocks[0], { kind: 'heading', number: '1.', text: 'Thông tin về chủ đầu tư' });
    assert.equal(find(sheet.blocks, 'line', 'Tên chủ đầu tư (tên chủ hộ)')!.number, '-');
    assert.equal(find(sheet.blocks, 'line', 'Diện tích lô đất (m²)')!.value, '96,5');
    assert.equal(find(sheet.blocks, 'line', 'Dự kiến thời gian hoàn thành công trình (tháng)')!.number, '5.');
    assert.equal(sheet.signer, 'NGƯỜI LÀM ĐƠN/ĐẠI DIỆN CHỦ ĐẦU TƯ');
    assert.equal(buildSheet({ def: birth }).blocks[0]!.kind === 'line' && (buildSheet({ def: birth }).blocks[0] as { number: string }).number, '');
  });
});
