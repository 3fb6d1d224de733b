// `draftFromPaper` and `dvctt draft-form` as an administrator meets them: what a draft holds
// (ids, prefill, sections, repeating groups), and a clear Vietnamese refusal for a file that is
// not a Word form, with nothing written.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Document, LeaderType, Packer, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import { zipSync } from 'fflate';
import { draftFromPaper, loadDefinition, PAPER_PROBLEMS, type PaperProblem } from '../src/forms/index.ts';
import { explain } from '../src/web/problem.ts';
import { paperFormDocx, type PaperTranscript } from './helpers/paper-forms.ts';
import { runDvctt } from './helpers/process.ts';

const form = (body: PaperTranscript['body']) => paperFormDocx({ name: 'thử', source: 'thử', body, expected: [] });

async function refused(bytes: Buffer, name: string, options?: { office?: string | null }): Promise<{ code: PaperProblem; message: string; en: string }> {
  const r = await draftFromPaper(bytes, name, options);
  assert.equal(r.ok, false, `${name} is refused`);
  if (r.ok) throw new Error('unreachable');
  return { code: r.problem.code, message: explain(PAPER_PROBLEMS, r.problem).message, en: explain(PAPER_PROBLEMS, r.problem, 'en').message };
}

test('a draft names its fields and sections without accents, uniquely, offers stored data for the first person only, and makes a table with empty rows a repeating group', async () => {
  const docx = await form([
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'ĐƠN ĐỀ NGHỊ THỬ NGHIỆM',
    'Kính gửi: Ủy ban nhân dân phường Nha Trang',
    'I. Người đề nghị',
    'Họ và tên: ………………… Điện thoại: ………………',
    'Số định danh cá nhân: ……………… Email: ……………',
    'Nơi thường trú: ………………………………',
    'II. Người được ủy quyền',
    'Họ và tên: ………………… Điện thoại: ………………',
    'Đề nghị cấp: ☐ Bản chính ☐ Bản sao',
    'Quá trình công tác:',
    { table: [['STT', 'Từ ngày', 'Đến ngày', 'Nơi công tác'], ['', '', '', ''], ['', '', '', '']] },
    'Người đề nghị',
    '(Ký, ghi rõ họ tên)',
  ]);
  const r = await draftFromPaper(docx, 'Mẫu thử số 1.docx');
  assert.ok(r.ok);
  const def = loadDefinition(r.value.definition);
  assert.equal(def.title, 'Đơn đề nghị thử nghiệm');
  assert.equal(def.addressee, 'Ủy ban nhân dân phường Nha Trang');
  assert.equal(def.code, 'MAU-THU-SO-1');
  assert.deepEqual(def.sections.map((s) => [s.id, s.title]), [['nguoi-de-nghi', 'Người đề nghị'], ['nguoi-duoc-uy-quyen', 'Người được ủy quyền']]);
  const [first, second] = def.sections;
  assert.deepEqual(first!.fields.map((f) => [f.id, f.type, f.prefill]), [
    ['hoVaTen', 'text', 'fullName'],
    ['dienThoai', 'phone', 'phone'],
    ['soDinhDanhCaNhan', 'idNumber', 'idNumber'],
    ['email', 'email', 'email'],
    ['noiThuongTru', 'address', 'permanentAddress'],
  ]);
  // The second person's name and phone are asked again: new ids, nothing offered from the account.
  assert.deepEqual(second!.fields.slice(0, 2).map((f) => [f.id, f.type, f.prefill]), [['hoVaTen2', 'text', undefined], ['dienThoai2', 'phone', undefined]]);
  const choice = second!.fields[2]!;
  assert.ok(choice.type === 'choice');
  assert.deepEqual(choice.options, [{ value: 'ban-chinh', label: 'Bản chính' }, { value: 'ban-sao', label: 'Bản sao' }]);
  const group = second!.fields[3]!;
  assert.ok(group.type === 'group');
  assert.equal(group.label, 'Quá trình công tác');
  assert.deepEqual(group.fields.map((f) => [f.id, f.type, f.label]), [['tuNgay', 'date', 'Từ ngày'], ['denNgay', 'date', 'Đến ngày'], ['noiCongTac', 'text', 'Nơi công tác']]);
  assert.equal(def.print?.signer, 'Người đề nghị');
  assert.equal(r.value.summary.fields, 12);
  assert.deepEqual(r.value.summary.byType, { text: 3, phone: 2, idNumber: 1, email: 1, address: 1, choice: 1, group: 1, date: 2 });
});

test('a line to write on may be a tab to a dotted tab stop or underlined spaces, as Word forms often draw it, not typed dots', async () => {
  const docx = await Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('TỜ KHAI THỬ')] }),
            new Paragraph({ tabStops: [{ type: TabStopType.RIGHT, position: 9000, leader: LeaderType.DOT }], children: [new TextRun({ children: ['Họ và tên:', new Tab()] })] }),
            new Paragraph({ children: [new TextRun('Điện thoại: '), new TextRun({ text: '                              ', underline: {} })] }),
            // A tab to a plain tab stop is only spacing: "Ghi chú" stays words.
            new Paragraph({ children: [new TextRun({ children: ['Ghi chú', new Tab(), 'không điền'] })] }),
          ],
        },
      ],
    }),
  );
  const r = await draftFromPaper(docx, 'tab.docx');
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problem));
  assert.deepEqual(r.value.definition.sections[0]!.fields.map((f) => [f.label, f.type]), [['Họ và tên', 'text'], ['Điện thoại', 'phone']]);
  assert.deepEqual(r.value.summary.skipped.map((k) => k.kind), ['title', 'prose']);
});

test("the table at the top of the page holding the motto is the page's heading: the issuer's name, number and date beside it make no field and no title", async () => {
  const docx = await form([
    { table: [['BỘ TƯ PHÁP\n-------\nSố: ……………', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\nHà Nội, ngày …… tháng …… năm ……']] },
    'TỜ KHAI THỬ',
    'Họ và tên: ……………………',
  ]);
  const r = await draftFromPaper(docx, 'dau-trang.docx');
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problem));
  assert.equal(r.value.definition.title, 'Tờ khai thử');
  assert.deepEqual(r.value.definition.sections.flatMap((s) => s.fields.map((f) => f.label)), ['Họ và tên']);
  assert.deepEqual(r.value.summary.skipped.map((k) => [k.kind, k.text]).slice(0, 4), [['header', 'BỘ TƯ PHÁP'], ['header', 'Số: ……………'], ['motto', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'], ['motto', 'Độc lập - Tự do - Hạnh phúc']]);
});

test('a file that is not a Word form is refused with a Vietnamese sentence (and an English one), by its content, not its name', async () => {
  assert.equal((await refused(Buffer.alloc(0), 'mau.docx')).message, 'Tệp trống: hãy chọn tệp mẫu đơn, tờ khai (.docx hoặc .doc).');
  const pdf = await refused(Buffer.from('%PDF-1.7\n1 0 obj\n'), 'mau.docx');
  assert.equal(pdf.code, 'NOT_WORD');
  assert.match(pdf.message, /không phải văn bản Word/);
  assert.match(pdf.en, /not a Word document/);
  // A real .docx cut in half: the archive cannot be read through.
  const docx = await form(['Họ và tên: ……………']);
  assert.equal((await refused(docx.subarray(0, Math.floor(docx.length / 2)), 'mau.docx')).code, 'BROKEN');
  // An archive that says it is Word but has no document inside.
  const hollow = Buffer.from(zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'word/styles.xml': new TextEncoder().encode('<w:styles/>') }));
  assert.equal((await refused(hollow, 'mau.docx')).code, 'BROKEN');
  // Prose only: nowhere to write.
  const prose = await refused(await form(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Thông báo về việc nghỉ lễ.']), 'thong-bao.docx');
  assert.equal(prose.code, 'NO_FIELDS');
  assert.match(prose.message, /Không tìm thấy mục nào để khai/);
  assert.equal((await refused(Buffer.alloc(11 * 1024 * 1024, 1), 'lon.docx')).message, 'Tệp lớn hơn 10 MB: một mẫu đơn, tờ khai thường chỉ vài trăm KB.');
});

test('a .doc form without LibreOffice on the server is refused with what to do instead', async () => {
  // A Word 97–2003 file starts with the OLE compound-file signature.
  const doc = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096)]);
  const r = await refused(doc, 'Mau01.doc', { office: null });
  assert.equal(r.code, 'DOC_NEEDS_OFFICE');
  assert.equal(PAPER_PROBLEMS.status[r.code], 422);
  assert.match(r.message, /cần LibreOffice.*lưu lại dạng \.docx/);
});

test('dvctt draft-form prints the draft and a Vietnamese summary, writes it with --out, and refuses a PDF without writing anything', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-draft-form-'));
  const input = path.join(dir, 'Mau-thu.docx');
  writeFileSync(input, await form(['TỜ KHAI THỬ', 'Họ và tên: ……………… Giới tính: Nam ☐ Nữ ☐', 'Tôi cam đoan những nội dung khai trên là đúng sự thật.', '(Ký, ghi rõ họ tên)']));

  const help = await runDvctt(['--help'], {});
  assert.match(help.output, /draft-form <tệp\.docx\|tệp\.doc> \[--out tệp\.json\]\n\s+Đề xuất định nghĩa biểu mẫu điện tử/);

  const printed = await runDvctt(['draft-form', input], {});
  assert.equal(printed.code, 0, printed.output);
  assert.match(printed.output, /"format": "dvctt-form\/1"/);
  assert.match(printed.output, /Đề xuất 1 phần, 3 trường: 1 chữ, một dòng \(text\), 1 chọn một \(choice\), 1 lời cam đoan \(consent\)\./);
  assert.match(printed.output, /Đã nhận ra và không tạo trường: tên mẫu \(1 dòng\); khối chữ ký, nơi và ngày ký \(1 dòng\)\./);

  const out = path.join(dir, 'mau-thu.json');
  const written = await runDvctt(['draft-form', input, '--out', out], {});
  assert.equal(written.code, 0, written.output);
  assert.match(written.output, /Đã ghi bản nháp vào/);
  const def = loadDefinition(JSON.parse(readFileSync(out, 'utf8')));
  assert.deepEqual(def.sections[0]!.fields.map((f) => f.type), ['text', 'choice', 'consent']);

  const pdf = path.join(dir, 'mau.pdf');
  writeFileSync(pdf, '%PDF-1.7\n');
  const bad = path.join(dir, 'khong-ghi.json');
  const refusedRun = await runDvctt(['draft-form', pdf, '--out', bad], {});
  assert.equal(refusedRun.code, 1);
  assert.match(refusedRun.output, /mau\.pdf: Tệp không phải văn bản Word/);
  assert.equal(existsSync(bad), false, 'nothing is written for a refused file');
});

test('any mix of form fragments, tables and junk gives a draft that loads, or "nowhere to write" — never an error', async () => {
  // A fixed seed, so a failure names the same document every run.
  let seed = 20261205;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const FRAGMENTS = [
    'Họ và tên', 'Họ, chữ đệm, tên', 'Số định danh cá nhân', 'Điện thoại', 'Email', 'Nơi cư trú', 'Ngày, tháng, năm sinh', 'Giới tính', 'Năm sinh',
    'Diện tích', 'Lý do', 'ghi bằng chữ', 'số nhà', 'đường/phố', '1', '(2)', '(*)', '', 'ĐỊA CHỈ LIÊN HỆ', '***', 'STT', 'TT', 'Tôi cam đoan', 'Cam kết:',
    'Kính gửi:', 'Người khai', '(Ký, ghi rõ họ tên)', 'Chú thích:', 'I.', '1.', '3.1.', 'a)', '-', 'ngày … tháng … năm …', '…/…/…', '……, ngày … tháng … năm …',
    '☐', '□ Có', 'Nam ☐ Nữ ☐', '☐☐☐☐', '……', '....', '___', ':', 'm²', 'bản', 'tháng', '\t', 'Mẫu số 01', '(Ban hành kèm theo Thông tư)', 'Gửi kèm theo:',
    'Làm tại:', '(đối với trường hợp có yêu cầu cấp bản sao trích lục)', 'x'.repeat(700), 'Đ', '0123', '&amp;', '<', '"', 'Ý KIẾN CỦA', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  ];
  const line = () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(FRAGMENTS)).join(pick([' ', ': ', '', ' ……', '\n']));
  let drafts = 0;
  for (let n = 0; n < 120; n++) {
    const body: PaperTranscript['body'] = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
      if (random() > 0.15) return line();
      const cols = 1 + Math.floor(random() * 5);
      return { table: Array.from({ length: 1 + Math.floor(random() * 4) }, () => Array.from({ length: cols }, () => (random() > 0.5 ? '' : line()))) };
    });
    const r = await draftFromPaper(await form(body), `thu-${n}.docx`);
    if (!r.ok) {
      assert.equal(r.problem.code, 'NO_FIELDS', `document ${n}: ${JSON.stringify(body)}`);
      continue;
    }
    drafts++;
    assert.doesNotThrow(() => loadDefinition(JSON.parse(JSON.stringify(r.value.definition))), `document ${n}: ${JSON.stringify(body)}`);
  }
  assert.ok(drafts > 60, `${drafts} of 120 mixes have somewhere to write`);
});

test('character references outside Unicode in a document are dropped, not a crash', async () => {
  const xml = '<w:document><w:body><w:p><w:r><w:t>Họ và tên&#x110000;&#0;: &#8230;&#x2026;</w:t></w:r></w:p></w:body></w:document>';
  const docx = Buffer.from(zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'word/document.xml': new TextEncoder().encode(xml) }));
  const r = await draftFromPaper(docx, 'la.docx');
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problem));
  assert.deepEqual(r.value.definition.sections[0]!.fields.map((f) => [f.label, f.type]), [['Họ và tên', 'text']]);
});
