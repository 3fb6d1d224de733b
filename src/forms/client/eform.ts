// The e-form's enhancement in the browser (F2): the server's own validation and condition code,
// bundled by esbuild (decision 0006), runs on the definition of the page's form version. It hides
// fields whose condition does not hold, checks a field when it is left (and again as it is
// corrected) with the server's Vietnamese messages, adds and removes rows of repeating groups,
// and lets "Dùng thông tin đã lưu" keep what was typed. Without it the form works the same.
import type { FormDefinition, GroupField } from '../model.ts';
import { answersFromFormBody, conditionalVisibility, validateAnswers, type FormErrors } from '../validate.ts';

type Body = Record<string, string | string[]>;

function bodyOf(form: HTMLFormElement): Body {
  const body: Body = {};
  for (const [k, v] of new FormData(form)) {
    if (typeof v !== 'string') continue;
    const had = body[k];
    body[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return body;
}

function errorId(key: string) {
  return `f-${key}-error`;
}

/** The element that holds one error line: the part's own .field, or the group's fieldset. */
function containerOf(el: HTMLElement): HTMLElement | null {
  return el.closest<HTMLElement>('.field, fieldset.group');
}

function clearErrors(wrapper: HTMLElement) {
  for (const p of wrapper.querySelectorAll('.error-message')) p.remove();
  for (const c of wrapper.querySelectorAll('.field-error')) c.classList.remove('field-error');
  for (const el of wrapper.querySelectorAll<HTMLElement>('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of wrapper.querySelectorAll<HTMLElement>('[aria-describedby]')) {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.endsWith('-error'));
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  }
}

function showError(key: string, message: string) {
  const el = document.getElementById(`f-${key}`);
  if (!el || !/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) return;
  const container = containerOf(el);
  if (!container) return;
  const p = document.createElement('p');
  p.className = 'error-message';
  p.id = errorId(key);
  const hidden = document.createElement('span');
  hidden.className = 'visually-hidden';
  hidden.textContent = 'Lỗi: ';
  p.append(hidden, message);
  // Radios and a single checkbox sit in a .radio row: the message goes above the first row.
  const anchor = el.parentElement?.classList.contains('radio') ? el.parentElement : el;
  container.insertBefore(p, anchor.parentElement === container ? anchor : container.querySelector('input, select, textarea, .radio'));
  container.classList.add('field-error');
  el.setAttribute('aria-invalid', 'true');
  const described = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  el.setAttribute('aria-describedby', [...described, p.id].join(' '));
}

function renumber(row: HTMLElement, group: string, index: number, item: string) {
  const from = new RegExp(`(^|[ -])${group.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d+\\.`, 'g');
  const to = `$1${group}.${index}.`;
  for (const el of [row, ...row.querySelectorAll<HTMLElement>('*')]) {
    for (const attr of ['name', 'id', 'for', 'aria-describedby', 'data-path', 'list']) {
      const v = el.getAttribute(attr);
      if (v && v.includes(`${group}.`)) el.setAttribute(attr, v.replace(from, to));
    }
  }
  row.dataset.row = String(index);
  const legend = row.querySelector('legend');
  if (legend) legend.textContent = `${item} ${index + 1}`;
  const remove = row.querySelector<HTMLButtonElement>('.row-remove');
  if (remove) remove.textContent = `Xóa ${item.toLowerCase()} ${index + 1}`;
}

function isBlankRow(row: HTMLElement): boolean {
  for (const el of row.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) {
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      if (el.checked) return false;
    } else if (el.value.trim() !== '') return false;
  }
  return true;
}

export function enhance(form: HTMLFormElement, def: FormDefinition): void {
  const groups = new Map<string, GroupField>();
  for (const s of def.sections) for (const f of s.fields) if (f.type === 'group') groups.set(f.id, f);
  /** Fields the person has left once (or that came back with an error): checked as they change. */
  const touched = new Set<string>();
  for (const w of form.querySelectorAll<HTMLElement>('[data-path]')) if (w.querySelector('.error-message')) touched.add(w.dataset.path!);

  // Rows keep their place (no closing up) so each path names the row the person sees.
  const answers = () => answersFromFormBody(def, bodyOf(form), { keepRows: true });

  const updateConditions = (raw: Record<string, unknown>) => {
    const shown = conditionalVisibility(def, raw);
    for (const w of form.querySelectorAll<HTMLElement>('[data-conditional]')) {
      const visible = shown[w.dataset.path!] !== false;
      if (w.hidden === visible) w.hidden = !visible;
    }
  };

  const check = (raw: Record<string, unknown>) => {
    if (!touched.size) return;
    const errors: FormErrors = validateAnswers(def, raw).errors;
    for (const path of touched) {
      const w = form.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);
      if (!w) {
        touched.delete(path);
        continue;
      }
      clearErrors(w);
      if (w.hidden) continue;
      for (const [key, message] of Object.entries(errors)) if (key === path || key.startsWith(`${path}.`)) showError(key, message);
    }
  };

  const pathOf = (target: EventTarget | null) => (target instanceof HTMLElement ? target.closest<HTMLElement>('[data-path]')?.dataset.path : undefined);

  form.addEventListener('input', (e) => {
    const raw = answers();
    updateConditions(raw);
    const path = pathOf(e.target);
    if (path && touched.has(path)) check(raw);
  });
  form.addEventListener('change', (e) => {
    const path = pathOf(e.target);
    const t = e.target as HTMLInputElement;
    // Choices are "left" when chosen; text is checked when the person moves on.
    if (path && (t.type === 'radio' || t.type === 'checkbox' || t.tagName === 'SELECT')) touched.add(path);
    const raw = answers();
    updateConditions(raw);
    check(raw);
  });
  form.addEventListener('focusout', (e) => {
    const path = pathOf(e.target);
    if (!path) return;
    // Moving between the parts of one address, or the options of one question, is not leaving it.
    const next = (e as FocusEvent).relatedTarget;
    if (next instanceof HTMLElement && pathOf(next) === path) return;
    const t = e.target as HTMLInputElement;
    if (!touched.has(path) && t.value === '' && t.type !== 'radio' && t.type !== 'checkbox') return;
    touched.add(path);
    check(answers());
  });

  for (const fs of form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-group]')) setUpGroup(fs);

  function setUpGroup(fs: HTMLFieldSetElement) {
    const id = fs.dataset.group!;
    const min = Math.max(1, Number(fs.dataset.min ?? 0));
    const max = Number(fs.dataset.max ?? 50);
    const item = fs.dataset.item ?? 'Dòng';
    const rows = () => [...fs.querySelectorAll<HTMLElement>(':scope > .group-row')];
    const template = rows()[0]!.cloneNode(true) as HTMLElement;
    for (const el of template.querySelectorAll<HTMLInputElement>('input, textarea')) {
      if (el.type === 'checkbox' || el.type === 'radio') el.checked = false;
      else el.value = '';
      el.removeAttribute('value');
      if (el.tagName === 'TEXTAREA') el.textContent = '';
    }
    for (const el of template.querySelectorAll<HTMLSelectElement>('select')) el.selectedIndex = 0;
    clearErrors(template);

    // The blank rows offered without JavaScript give way to an "add" button.
    const all = rows();
    let keep = min;
    all.forEach((r, i) => {
      if (!isBlankRow(r)) keep = Math.max(keep, i + 1);
    });
    all.slice(keep).forEach((r) => r.remove());

    const status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('aria-live', 'polite');
    const add = document.createElement('button');
    add.type = 'button';
    add.className = 'button button-secondary row-add';
    add.textContent = `Thêm ${item.toLowerCase()}`;
    fs.append(add, status);

    const refresh = () => {
      const list = rows();
      list.forEach((r, i) => {
        renumber(r, id, i, item);
        let remove = r.querySelector<HTMLButtonElement>(':scope > .row-remove');
        if (!remove) {
          remove = document.createElement('button');
          remove.type = 'button';
          remove.className = 'button button-secondary row-remove';
          r.append(remove);
          remove.addEventListener('click', () => {
            const at = rows().indexOf(r);
            r.remove();
            refresh();
            status.textContent = `Đã xóa ${item.toLowerCase()} ${at + 1}.`;
            const focus = rows()[at]?.querySelector<HTMLElement>('input, select, textarea') ?? add;
            focus.focus();
            updateConditions(answers());
          });
        }
        renumber(r, id, i, item);
        remove.hidden = list.length <= min;
      });
      add.hidden = list.length >= max;
    };

    add.addEventListener('click', () => {
      const row = template.cloneNode(true) as HTMLElement;
      fs.insertBefore(row, add);
      refresh();
      status.textContent = `Đã thêm ${item.toLowerCase()} ${rows().length}.`;
      row.querySelector<HTMLElement>('input, select, textarea')?.focus();
      updateConditions(answers());
    });
    refresh();
  }

  // "Dùng thông tin đã lưu" posts its own form: give it what was typed on this page too.
  const offer = document.querySelector<HTMLFormElement>('form.saved-offer-form');
  offer?.addEventListener('submit', () => {
    for (const el of offer.querySelectorAll<HTMLInputElement>('input[type="hidden"]')) if (el.name !== '_csrf' && el.name !== '_step') el.remove();
    for (const [k, v] of new FormData(form)) {
      if (typeof v !== 'string' || k === '_csrf' || k === '_step' || k === '_action') continue;
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = k;
      input.value = v;
      offer.append(input);
    }
  });

  updateConditions(answers());
  form.dataset.ready = '';
}

async function start() {
  document.documentElement.classList.add('js');
  const form = document.querySelector<HTMLFormElement>('form#eform[data-definition]');
  if (!form) return;
  const res = await fetch(form.dataset.definition!, { credentials: 'same-origin' });
  if (!res.ok) return;
  enhance(form, (await res.json()) as FormDefinition);
}

void start();
