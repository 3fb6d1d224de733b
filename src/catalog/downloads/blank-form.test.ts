import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  type BlankFormInput,
  downloadFileName,
  formNumberLine,
  formSubtitle,
  formTitle,
  renderBlankDocx,
  renderBlankPdf,
} from './index.ts';

// The demo catalog is the real input: every form of every service in it.
interface DemoCatalog {
  services: {
    name: string;
    decidingAgency: string;
    forms?: { code: string; slug: string; name: string; fields: string[] }[];
  }[];
}
const catalog = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../demo/catalog.json'), 'utf8'),
) as DemoCatalog;
const allForms: BlankFormInput[] = catalog.services.flatMap((s) =>
  (s.forms ?? []).map((f) => ({ ...f, addressee: s.decidingAgency, serviceName: s.name })),
);
const pharmacist = allForms.find((f) => f.slug === 'CapCCHNDuoc');

const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO_2 = 'Độc lập - Tự do - Hạnh phúc';
const TITLE = 'ĐƠN ĐỀ NGHỊ CẤP CHỨNG CHỈ HÀNH NGHỀ DƯỢC';
const SIGN_HINT = '(Ký và ghi rõ họ tên)';

// Debian's poppler-utils reads the PDFs back as a person's viewer would, and unzip opens the .docx.
// The test installs nothing: a missing tool fails with the package to install.
function debianTool(name: 'pdftotext' | 'pdfinfo' | 'unzip'): string {
  const file = `/usr/bin/${name}`;
  const pkg = name === 'unzip' ? 'unzip' : 'poppler-utils';
  assert.ok(existsSync(file), `${file} is missing: install the Debian package ${pkg} (apt-get install ${pkg}) to run these tests`);
  return file;
}

function run(cmd: string, args: string[], timeout = 30_000): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

const squash = (s: string) => s.replace(/\s+/g, ' ');
const noSpace = (s: string) => s.replace(/\s+/g, '');

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-blank-form-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function pdfFile(input: BlankFormInput): Promise<string> {
  const file = path.join(dir, downloadFileName(input, 'pdf'));
  writeFileSync(file, await renderBlankPdf(input));
  return file;
}

async function docxFile(input: BlankFormInput): Promise<string> {
  const file = path.join(dir, downloadFileName(input, 'docx'));
  writeFileSync(file, await renderBlankDocx(input));
  return file;
}

function pages(pdf: string): { count: number; size: string } {
  const info = run(debianTool('pdfinfo'), [pdf]);
  return {
    count: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]),
    size: /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '',
  };
}

const A4 = /^595\.\d+ x 841\.\d+ pts \(A4\)$/;
const mm = (n: number) => (n * 72) / 25.4;

interface Box {
  xMin: number;
  xMax: number;
  yMin: number;
}
/** From `pdftotext -bbox` output, a function giving the box around the first run of words that spells `phrase`. */
function phraseBox(html: string): (phrase: string) => Box {
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
    (m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text: m[4] ?? '' }),
  );
  return (phrase) => {
    const want = phrase.split(' ');
    for (let i = 0; i + want.length <= words.length; i++) {
      const run = words.slice(i, i + want.length);
      if (run.every((w, k) => w.text === want[k])) {
        return {
          xMin: Math.min(...run.map((w) => w.xMin)),
          xMax: Math.max(...run.map((w) => w.xMax)),
          yMin: run[0]!.yMin,
        };
      }
    }
    assert.fail(`"${phrase}" is not on the page`);
  };
}

describe('names and titles of a downloadable form', () => {
  test('a form downloads as <code>_<slug>.docx and .pdf', () => {
    assert.equal(downloadFileName({ code: 'Mau02', slug: 'CapCCHNDuoc' }, 'docx'), 'Mau02_CapCCHNDuoc.docx');
    assert.equal(downloadFileName({ code: 'Mau02', slug: 'CapCCHNDuoc' }, 'pdf'), 'Mau02_CapCCHNDuoc.pdf');
  });

  test('a file name keeps only ASCII letters, digits, _ and -, dropping Vietnamese marks and slashes', () => {
    assert.equal(downloadFileName({ code: 'Mẫu 04/ĐK', slug: 'Cấp GCN đất' }, 'pdf'), 'Mau04DK_CapGCNdat.pdf');
    assert.equal(downloadFileName({ code: 'PLIII-1', slug: '../x' }, 'docx'), 'PLIII-1_x.docx');
  });

  test('the title is the part after the dash, in Vietnamese capitals, and the number line the part before', () => {
    const name = 'Mẫu số 02 — Đơn đề nghị cấp Chứng chỉ hành nghề dược';
    assert.equal(formTitle(name), TITLE);
    assert.equal(formNumberLine(name), 'Mẫu số 02');
    assert.equal(formNumberLine('Phụ lục I-1 — Giấy đề nghị đăng ký doanh nghiệp tư nhân'), 'Phụ lục I-1');
  });

  test('a name without a number is all title, and a trailing note in brackets becomes the subtitle', () => {
    assert.equal(formTitle('Tờ khai đăng ký khai sinh'), 'TỜ KHAI ĐĂNG KÝ KHAI SINH');
    assert.equal(formNumberLine('Tờ khai đăng ký khai sinh'), '');
    const name = 'Mẫu số 1c — Tờ khai đề nghị trợ giúp xã hội (dùng cho người khuyết tật)';
    assert.equal(formTitle(name), 'TỜ KHAI ĐỀ NGHỊ TRỢ GIÚP XÃ HỘI');
    assert.equal(formSubtitle(name), '(Dùng cho người khuyết tật)');
  });
});

describe('the pharmacist licence form (Mẫu số 02) as PDF', () => {
  test('reads back with the motto, title, addressee, every field label, dotted lines and the signature block', async () => {
    assert.ok(pharmacist, 'the demo catalog has the form CapCCHNDuoc');
    const pdf = await pdfFile(pharmacist);
    const layout = run(debianTool('pdftotext'), ['-layout', pdf, '-']);
    const plain = squash(run(debianTool('pdftotext'), [pdf, '-']));

    for (const text of [MOTTO, MOTTO_2, TITLE, 'Mẫu số 02', 'Kính gửi: Sở Y tế', 'NGƯỜI LÀM ĐƠN', SIGN_HINT]) {
      assert.ok(layout.includes(text), `the PDF shows "${text}"`);
    }
    for (const label of pharmacist.fields) assert.ok(plain.includes(label), `the PDF shows the field "${label}"`);
    assert.match(layout, /1\. Họ và tên: \.{40,}/, 'a field label is followed by a dotted line');
    assert.match(layout, /^\s*\.{60,}\s*$/m, 'a long field has a second, full dotted line');
    assert.match(layout, /…, ngày …+ tháng …+ năm …+/, 'a place and date line to fill in');
    const { count, size } = pages(pdf);
    assert.equal(count, 1);
    assert.match(size, A4);

    // Placement as printed, from the words' boxes (points from the top left of an A4 page).
    const box = phraseBox(run(debianTool('pdftotext'), ['-bbox', pdf, '-']));
    const left = mm(30);
    const right = 595.28 - mm(20);
    const centre = (b: Box) => (b.xMin + b.xMax) / 2;
    assert.ok(Math.abs(centre(box(MOTTO)) - (left + right) / 2) < 3, 'the motto is centred');
    assert.ok(Math.abs(centre(box(MOTTO_2)) - (left + right) / 2) < 3, 'the second motto line is centred');
    assert.ok(Math.abs(centre(box(TITLE)) - (left + right) / 2) < 3, 'the title is centred');
    assert.ok(box(MOTTO).yMin < box(TITLE).yMin && box(TITLE).yMin < box('Kính gửi:').yMin, 'motto, title, addressee');
    assert.ok(Math.abs(box('1. Họ và tên:').xMin - left) < 1, 'the left margin is 30 mm');
    assert.ok(box('Mẫu số 02').xMax <= right + 0.5 && box('Mẫu số 02').xMax > right - 3, 'the form number is at the top right');
    assert.ok(box('NGƯỜI LÀM ĐƠN').xMin > 595.28 / 2, 'the signature block is on the right half');
    assert.ok(box(SIGN_HINT).xMin > 595.28 / 2 && box(SIGN_HINT).yMin > box('NGƯỜI LÀM ĐƠN').yMin);
  });
});

describe('the pharmacist licence form (Mẫu số 02) as .docx', () => {
  test('is a Word file whose text has the motto, title, addressee, every field label and the signature block', async () => {
    assert.ok(pharmacist, 'the demo catalog has the form CapCCHNDuoc');
    const docx = await docxFile(pharmacist);
    const xml = run(debianTool('unzip'), ['-p', docx, 'word/document.xml']);
    const text = squash(
      xml
        .replace(/<w:br\/>/g, '<w:t> </w:t>')
        .split('</w:p>')
        .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
        .join('\n')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    );
    for (const t of [MOTTO, MOTTO_2, TITLE, 'Mẫu số 02', 'Kính gửi: Sở Y tế', 'NGƯỜI LÀM ĐƠN', SIGN_HINT]) {
      assert.ok(text.includes(t), `the .docx says "${t}"`);
    }
    for (const label of pharmacist.fields) assert.ok(text.includes(label), `the .docx has the field "${label}"`);
    assert.match(xml, /<w:tab w:val="right"[^>]* w:leader="dot"/, 'fields end in a dotted tab leader');
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/, 'the page is A4');
  });

  test('opens in LibreOffice and prints as one A4 page with the same text and dotted lines', async (t) => {
    const office = ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((f) => existsSync(f));
    if (!office) {
      t.skip('LibreOffice is not installed (no /usr/bin/libreoffice or soffice): the .docx-to-PDF check is skipped');
      return;
    }
    assert.ok(pharmacist, 'the demo catalog has the form CapCCHNDuoc');
    const docx = await docxFile(pharmacist);
    const out = path.join(dir, 'libreoffice');
    run(
      office,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
        '--convert-to',
        'pdf',
        '--outdir',
        out,
        docx,
      ],
      180_000,
    );
    const pdf = path.join(out, downloadFileName(pharmacist, 'pdf'));
    const layout = run(debianTool('pdftotext'), ['-layout', pdf, '-']);
    // LibreOffice may set some letters in a fallback font, and pdftotext then splits the word: compare without spaces.
    const flat = noSpace(layout);
    for (const text of [MOTTO, MOTTO_2, TITLE, 'Kính gửi: Sở Y tế', SIGN_HINT, ...pharmacist.fields]) {
      assert.ok(flat.includes(noSpace(text)), `the printed .docx shows "${text}"`);
    }
    assert.match(layout, /Họ và tên: \.{40,}/, 'the tab leader prints as a dotted line');
    const { count, size } = pages(pdf);
    assert.equal(count, 1);
    assert.match(size, /^595\.\d+ x 841\.\d+ pts/);
  });
});

describe('every form of the demo catalog', () => {
  test('renders to .docx and to a PDF of one or two A4 pages', async () => {
    assert.ok(allForms.length > 10, 'the demo catalog has forms');
    for (const form of allForms) {
      const pdf = await pdfFile(form);
      const { count, size } = pages(pdf);
      assert.ok(count >= 1 && count <= 2, `${form.slug}: ${count} pages`);
      assert.match(size, A4, `${form.slug} is A4`);
      const docx = await renderBlankDocx(form);
      assert.equal(docx.subarray(0, 4).toString('latin1'), 'PK\x03\x04', `${form.slug}: the .docx is a zip`);
    }
  });
});
