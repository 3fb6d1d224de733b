// The form designer's edits (F1): each one a pure function from a definition to the next, or a
// refusal as a problem code. The loader still has the last word when the draft is saved; these
// refuse early only what it would word less helpfully (the last field of a section, a field other
// fields' conditions name). A field is named by its id, a group's field by "group.field".
import { kindOf } from '../fields/index.ts';
import type { Condition, Field, FieldType, FormDefinition, GroupField, Section } from '../model.ts';
import type { Outcome } from '../../web/problem.ts';

export type EditProblemCode = 'SECTION_NOT_FOUND' | 'FIELD_NOT_FOUND' | 'LAST_SECTION' | 'LAST_FIELD' | 'FIELD_IN_USE' | 'CANNOT_MOVE' | 'ID_TAKEN' | 'GROUP_IN_GROUP' | 'NOT_IN_GROUP';
export type Edited = Outcome<FormDefinition, EditProblemCode>;

const refuse = (code: EditProblemCode, params?: Record<string, string>, field?: string): Edited => ({ ok: false, problem: { code, ...(params && { params }), ...(field && { field }) } });
const done = (def: FormDefinition): Edited => ({ ok: true, value: def });
const clone = (def: FormDefinition): FormDefinition => structuredClone(def);

/** "Thông tin người đề nghị" → "thong-tin-nguoi-de-nghi": an id the schema accepts, unique among `taken`. */
export function idFrom(text: string, taken: Iterable<string>, fallback = 'muc'): string {
  const base =
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || fallback;
  const start = /^[a-z]/.test(base) ? base : `${fallback}-${base}`;
  const used = new Set(taken);
  if (!used.has(start)) return start;
  for (let n = 2; ; n++) if (!used.has(`${start}-${n}`)) return `${start}-${n}`;
}

/** Where a field lives: its section, the group it is in (if any) and the list holding it. */
export interface Place {
  section: Section;
  group?: GroupField;
  list: Field[];
  index: number;
  field: Field;
}

/** Finds "id" (a top-level field) or "group.id" (a field of a repeating group). */
export function findField(def: FormDefinition, ref: string): Place | undefined {
  const [first, second] = ref.split('.');
  for (const section of def.sections) {
    const index = section.fields.findIndex((f) => f.id === first);
    if (index < 0) continue;
    const top = section.fields[index]!;
    if (second === undefined) return { section, list: section.fields, index, field: top };
    if (top.type !== 'group') return undefined;
    const inner = top.fields.findIndex((f) => f.id === second);
    return inner < 0 ? undefined : { section, group: top, list: top.fields, index: inner, field: top.fields[inner]! };
  }
  return undefined;
}

/** Every field with its reference, top level first then each group's own, in the form's order. */
export function allFields(def: FormDefinition): { ref: string; field: Field; group?: GroupField }[] {
  return def.sections.flatMap((s) => s.fields.flatMap((f) => [{ ref: f.id, field: f }, ...(f.type === 'group' ? f.fields.map((g) => ({ ref: `${f.id}.${g.id}`, field: g, group: f })) : [])]));
}

/** The fields whose condition or rule names `ref`'s field (in its scope): removing it would break them. */
export function usersOf(def: FormDefinition, ref: string): string[] {
  const place = findField(def, ref);
  if (!place) return [];
  const id = place.field.id;
  const names = (f: Field) => [f.showIf?.field, f.requireIf?.field, ...(f.rules?.compare ?? []).map((c) => c.field)].includes(id);
  // Inside a group a name is looked up among the row's fields first, then at the top level.
  return allFields(def)
    .filter(({ field, group }) => field !== place.field && names(field) && (place.group ? group === place.group : !group?.fields.some((g) => g.id === id)))
    .map(({ field }) => field.label);
}

export interface NewField {
  type: FieldType;
  label: string;
  id?: string;
  help?: string;
  required?: boolean;
  /** For choice / multichoice. */
  options?: { value: string; label: string }[];
  /** For an attachment: the dossier component's id. */
  component?: string;
}

/** A field of `type` with what its type needs to be valid: a choice's options, a group's first column. */
export function makeField(input: NewField, taken: Iterable<string>): Field {
  const id = input.id?.trim() || idFrom(input.label, taken, 'truong');
  const base = { id, label: input.label.trim(), ...(input.help?.trim() && { help: input.help.trim() }), ...(input.required && { required: true }) };
  switch (input.type) {
    case 'choice':
    case 'multichoice':
      return { ...base, type: input.type, options: input.options?.length ? input.options : [{ value: 'lua-chon-1', label: 'Lựa chọn 1' }] };
    case 'attachment':
      return { ...base, type: 'attachment', component: input.component?.trim() || id };
    case 'group':
      return { ...base, type: 'group', fields: [{ id: 'noi-dung', type: 'text', label: 'Nội dung' }] };
    case 'consent':
      return { ...base, type: 'consent' };
    default:
      return { ...base, type: input.type };
  }
}

const topIds = (def: FormDefinition) => def.sections.flatMap((s) => s.fields.map((f) => f.id));

/** Adds a field at the end of a section, or of a repeating group ("in": the group's id). */
export function addField(def: FormDefinition, sectionId: string, input: NewField, groupId?: string): Edited {
  const next = clone(def);
  const section = next.sections.find((s) => s.id === sectionId);
  if (!section) return refuse('SECTION_NOT_FOUND', { id: sectionId });
  if (groupId) {
    const group = section.fields.find((f) => f.id === groupId);
    if (group?.type !== 'group') return refuse('FIELD_NOT_FOUND', { ref: groupId });
    if (input.type === 'group') return refuse('GROUP_IN_GROUP', undefined, 'type');
    if (!kindOf({ type: input.type } as Field).inGroup) return refuse('NOT_IN_GROUP', { type: input.type }, 'type');
    const taken = group.fields.map((f) => f.id);
    if (input.id && taken.includes(input.id)) return refuse('ID_TAKEN', { id: input.id }, 'id');
    group.fields.push(makeField(input, taken));
    return done(next);
  }
  const taken = topIds(next);
  if (input.id && taken.includes(input.id)) return refuse('ID_TAKEN', { id: input.id }, 'id');
  section.fields.push(makeField(input, taken));
  return done(next);
}

/** What the field's page sets; an absent key leaves the field's value as it was, `null` removes it. */
export interface FieldChanges {
  label?: string;
  help?: string | null;
  required?: boolean;
  type?: FieldType;
  options?: { value: string; label: string }[];
  component?: string;
  itemLabel?: string | null;
  minRows?: number | null;
  maxRows?: number | null;
  showIf?: Condition | null;
  requireIf?: Condition | null;
  prefill?: Field['prefill'] | null;
  rules?: Field['rules'] | null;
}

/** Changes one field; a new type keeps what both types share and gets what the new one needs. */
export function updateField(def: FormDefinition, ref: string, changes: FieldChanges): Edited {
  const next = clone(def);
  const place = findField(next, ref);
  if (!place) return refuse('FIELD_NOT_FOUND', { ref });
  let field: Record<string, unknown> = { ...place.field };
  if (changes.type && changes.type !== place.field.type) {
    if (place.group && changes.type === 'group') return refuse('GROUP_IN_GROUP', undefined, 'type');
    const fresh = makeField({ type: changes.type, label: place.field.label, id: place.field.id, options: changes.options, component: changes.component }, []) as unknown as Record<string, unknown>;
    const common = ['id', 'label', 'help', 'required', 'showIf', 'requireIf'];
    field = { ...Object.fromEntries(common.filter((k) => field[k] !== undefined).map((k) => [k, field[k]])), ...fresh, id: place.field.id, label: place.field.label };
  }
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'type' || value === undefined) continue;
    if (key === 'options' && !('options' in field)) continue;
    if (key === 'component' && field.type !== 'attachment') continue;
    if ((key === 'itemLabel' || key === 'minRows' || key === 'maxRows') && field.type !== 'group') continue;
    if (value === null || value === '' || (key === 'required' && value === false)) delete field[key];
    else field[key] = key === 'label' || key === 'help' || key === 'itemLabel' ? String(value).trim() : value;
  }
  place.list[place.index] = field as unknown as Field;
  return done(next);
}

/** Moves a field one place up (-1) or down (+1); a top-level field at the edge of its section goes to the next section. */
export function moveField(def: FormDefinition, ref: string, by: -1 | 1): Edited {
  const next = clone(def);
  const place = findField(next, ref);
  if (!place) return refuse('FIELD_NOT_FOUND', { ref });
  const to = place.index + by;
  if (to >= 0 && to < place.list.length) {
    [place.list[place.index], place.list[to]] = [place.list[to]!, place.list[place.index]!];
    return done(next);
  }
  const s = next.sections.indexOf(place.section);
  const neighbour = next.sections[s + by];
  if (place.group || !neighbour || place.list.length === 1) return refuse('CANNOT_MOVE', { label: place.field.label });
  place.list.splice(place.index, 1);
  if (by < 0) neighbour.fields.push(place.field);
  else neighbour.fields.unshift(place.field);
  return done(next);
}

/** Removes a field no other field's condition or rule names, and not a section's (or group's) last. */
export function removeField(def: FormDefinition, ref: string): Edited {
  const next = clone(def);
  const place = findField(next, ref);
  if (!place) return refuse('FIELD_NOT_FOUND', { ref });
  if (place.list.length === 1) return refuse('LAST_FIELD', { label: place.field.label, container: place.group ? place.group.label : place.section.title });
  const users = usersOf(next, ref);
  if (users.length) return refuse('FIELD_IN_USE', { label: place.field.label, users: users.map((u) => `“${u}”`).join(', ') });
  place.list.splice(place.index, 1);
  return done(next);
}

/** Adds a section (with its first field: a section is never empty) after the last one, in the last step. */
export function addSection(def: FormDefinition, input: { title: string; help?: string; id?: string; first: NewField }): Edited {
  const next = clone(def);
  const id = input.id?.trim() || idFrom(input.title, next.sections.map((s) => s.id), 'phan');
  if (next.sections.some((s) => s.id === id)) return refuse('ID_TAKEN', { id }, 'id');
  const field = makeField(input.first, topIds(next));
  next.sections.push({ id, title: input.title.trim(), ...(input.help?.trim() && { help: input.help.trim() }), fields: [field] });
  // A section added at the end belongs to the last step.
  next.steps?.at(-1)?.sections.push(id);
  return done(next);
}

export function updateSection(def: FormDefinition, id: string, changes: { title: string; help?: string }): Edited {
  const next = clone(def);
  const section = next.sections.find((s) => s.id === id);
  if (!section) return refuse('SECTION_NOT_FOUND', { id });
  section.title = changes.title.trim();
  if (changes.help?.trim()) section.help = changes.help.trim();
  else delete section.help;
  return done(next);
}

/** Moves a section one place; a section crossing a step's edge joins the other step (each step keeps its size). */
export function moveSection(def: FormDefinition, id: string, by: -1 | 1): Edited {
  const next = clone(def);
  const i = next.sections.findIndex((s) => s.id === id);
  if (i < 0) return refuse('SECTION_NOT_FOUND', { id });
  const j = i + by;
  if (j < 0 || j >= next.sections.length) return refuse('CANNOT_MOVE', { label: next.sections[i]!.title });
  const a = next.sections[i]!;
  const b = next.sections[j]!;
  next.sections[i] = b;
  next.sections[j] = a;
  for (const step of next.steps ?? []) step.sections = step.sections.map((s) => (s === a.id ? b.id : s === b.id ? a.id : s));
  return done(next);
}

export function removeSection(def: FormDefinition, id: string): Edited {
  const next = clone(def);
  const i = next.sections.findIndex((s) => s.id === id);
  if (i < 0) return refuse('SECTION_NOT_FOUND', { id });
  const section = next.sections[i]!;
  if (next.sections.length === 1) return refuse('LAST_SECTION', { title: section.title });
  const inside = new Set(section.fields.flatMap((f) => [f, ...(f.type === 'group' ? f.fields : [])]));
  const users = section.fields.flatMap((f) => usersOf(next, f.id).filter((label) => ![...inside].some((x) => x.label === label)));
  if (users.length) return refuse('FIELD_IN_USE', { label: section.title, users: [...new Set(users)].map((u) => `“${u}”`).join(', ') });
  next.sections.splice(i, 1);
  // It leaves its step; a step left empty goes, and with the last step the form is one page.
  if (next.steps) {
    for (const step of next.steps) step.sections = step.sections.filter((s) => s !== id);
    next.steps = next.steps.filter((s) => s.sections.length > 0);
    if (!next.steps.length) delete next.steps;
  }
  return done(next);
}
