// The e-form engine on a big form (F2): a generated definition of 700 fields with 100 conditions.
// Measures the server render of the whole form on one page, the server validation of a complete
// submission, and in Chromium the time from a change to the fields shown and hidden again (the
// enhancement script's input handler, with the layout it causes). `node --import tsx bench/forms.ts`
// runs it alone; `npm run bench` includes it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.ts';
import { clientBundle, definitionUrl, STYLE, STYLE_URL } from '../src/forms/client-assets.ts';
import { loadDefinition } from '../src/forms/definition-schema.ts';
import type { Field, FormDefinition } from '../src/forms/model.ts';
import { answersFromFormBody, formBodyFromAnswers, validateAnswers } from '../src/forms/validate.ts';
import { EFormPage } from '../src/forms/views/eform.tsx';
import { translator } from '../src/web/i18n.ts';
import { renderPage } from '../src/web/render.ts';
import type { PageContext } from '../src/web/page-context.ts';
import { launchBrowser } from '../test/helpers/browser.ts';

const FIELDS = 700;
const CONDITIONS = 100;
const PER_SECTION = 50;

/** 700 fields in sections of 50; every 7th field is shown only when an earlier box is ticked. */
export function generatedForm(): { def: FormDefinition; answers: Record<string, unknown> } {
  const kinds = ['text', 'date', 'integer', 'choice', 'checkbox', 'textarea', 'email', 'phone'] as const;
  const fields: Field[] = [];
  const answers: Record<string, unknown> = {};
  let conditions = 0;
  for (let i = 0; i < FIELDS; i++) {
    const id = `f${i}`;
    const conditional = conditions < CONDITIONS && i % 7 === 6;
    const type = conditional ? 'text' : kinds[i % kinds.length]!;
    const f = { id, type, label: `Mục số ${i + 1}`, help: `Hướng dẫn khai mục ${i + 1}.`, required: i % 3 === 0 } as Field;
    if (type === 'choice') Object.assign(f, { options: [{ value: 'a', label: 'Lựa chọn A' }, { value: 'b', label: 'Lựa chọn B' }, { value: 'c', label: 'Lựa chọn C' }] });
    if (type === 'integer') f.rules = { min: 0, max: 1000 };
    if (conditional) {
      // Shown when the nearest earlier checkbox is ticked.
      const box = [...fields].reverse().find((x) => x.type === 'checkbox')!;
      f.showIf = { field: box.id };
      conditions++;
    }
    fields.push(f);
    answers[id] = { text: 'Nội dung', textarea: 'Nội dung dài hơn', date: '12/04/1990', integer: '42', choice: 'b', checkbox: 'true', email: 'a@example.vn', phone: '0912345678' }[type];
  }
  const sections = Array.from({ length: Math.ceil(FIELDS / PER_SECTION) }, (_, s) => ({ id: `phan-${s + 1}`, title: `Phần ${s + 1}`, fields: fields.slice(s * PER_SECTION, (s + 1) * PER_SECTION) }));
  const def = loadDefinition({ format: 'dvctt-form/1', id: 'bench-700', version: 1, code: 'Bench', slug: 'Bench700', title: 'Tờ khai thử 700 mục', services: ['9.000001'], sections });
  const count = def.sections.flatMap((s) => s.fields).filter((f) => f.showIf).length;
  if (count !== CONDITIONS) throw new Error(`expected ${CONDITIONS} conditions, got ${count}`);
  return { def, answers };
}

export function context(): PageContext {
  const config = loadConfig({});
  return { viewer: undefined, csrfToken: 'bench', locale: 'vi', t: translator('vi'), portal: config.portal, path: '/bench', display: { largeText: false, highContrast: false }, notices: [], requestId: 'bench' };
}

function timed(n: number, fn: () => void): { median: number; p95: number } {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(n / 2)]!, p95: times[Math.floor(n * 0.95)]! };
}

export async function benchForms(): Promise<string[]> {
  const { def, answers } = generatedForm();
  const service = { code: '9.000001', name: 'Thủ tục thử' };
  const bundle = await clientBundle();
  const assets = { script: bundle.url, style: STYLE_URL, definition: definitionUrl(def) };
  const html = renderPage(EFormPage({ ctx: context(), def, service, raw: answers, assets }));
  const render = timed(50, () => renderPage(EFormPage({ ctx: context(), def, service, raw: answers, assets })));
  const body = Object.fromEntries(formBodyFromAnswers(def, answers));
  const validate = timed(200, () => {
    const r = validateAnswers(def, answersFromFormBody(def, body));
    if (Object.keys(r.errors).length) throw new Error(`the generated answers are invalid: ${Object.values(r.errors)[0]}`);
  });

  // The page as the portal serves it, from a plain loopback server: HTML, script, style, definition.
  const server = http.createServer((req, res) => {
    const send = (type: string, text: string) => res.writeHead(200, { 'content-type': type }).end(text);
    if (req.url === bundle.url) return send('text/javascript', bundle.code);
    if (req.url === STYLE_URL) return send('text/css', STYLE);
    if (req.url === assets.definition) return send('application/json', JSON.stringify(def));
    if (req.url === '/') return send('text/html; charset=utf-8', html);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const browser = await launchBrowser();
  let reaction: { median: number; max: number; toggled: number };
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.locator('form#eform[data-ready]').waitFor({ state: 'attached' });
    const controllers = [...new Set(def.sections.flatMap((s) => s.fields).flatMap((f) => (f.showIf ? [f.showIf.field] : [])))];
    reaction = await page.evaluate((ids) => {
      const boxes = ids.map((id) => document.querySelector<HTMLInputElement>(`input[name="${id}"]`)!);
      const times: number[] = [];
      let toggled = 0;
      for (let round = 0; round < 40; round++) {
        const box = boxes[round % boxes.length]!;
        const before = document.querySelectorAll('[data-conditional][hidden]').length;
        const t = performance.now();
        box.click(); // input and change, handled synchronously: read answers, conditions, checks
        void document.body.offsetHeight; // and the layout of what was shown or hidden
        times.push(performance.now() - t);
        if (document.querySelectorAll('[data-conditional][hidden]').length !== before) toggled++;
      }
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]!, toggled };
    }, controllers);
  } finally {
    await browser.close();
    server.close();
  }
  const ms = (x: number) => x.toFixed(1);
  return [
    `| server render of the whole form (one page, ${(html.length / 1024).toFixed(0)} KB HTML) | ${ms(render.median)} | ${ms(render.p95)} | ≤ 20 |`,
    `| server validation of a complete submission (form body → answers → checks) | ${ms(validate.median)} | ${ms(validate.p95)} | ≤ 5 |`,
    `| Chromium: tick a box → conditions re-evaluated, fields shown/hidden, layout (${reaction.toggled}/40 changed visibility) | ${ms(reaction.median)} | ${ms(reaction.max)} (max) | ≤ 50 |`,
  ];
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const rows = await benchForms();
  process.stdout.write(`\nE-form engine, ${FIELDS} fields, ${CONDITIONS} conditions\n| measure | median ms | p95 ms | target ms |\n|---|---|---|---|\n${rows.join('\n')}\n`);
}
