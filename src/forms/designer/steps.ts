// The designer's edits of a form's steps (F2 multi-step). The loader wants every section in one
// step and the steps in the sections' order, so steps are runs of consecutive sections: a step is
// added by starting it at a section, removed by joining its sections to the step before.
import type { FormDefinition, Step } from '../model.ts';
import type { Outcome } from '../../web/problem.ts';
import { idFrom } from './edit.ts';

export type StepProblemCode = 'STEP_NOT_FOUND' | 'SECTION_NOT_FOUND' | 'STEP_STARTS_HERE' | 'CANNOT_MOVE';

const refuse = (code: StepProblemCode, params?: Record<string, string>): Outcome<FormDefinition, StepProblemCode> => ({ ok: false, problem: { code, ...(params && { params }) } });

/**
 * Starts a step at a section: the step the section was in keeps the sections before it, the new
 * one takes it and those after it in that step. A form of one page gets its first two steps (or one).
 */
export function addStep(def: FormDefinition, input: { title: string; at: string }): Outcome<FormDefinition, StepProblemCode> {
  const next = structuredClone(def);
  if (!next.sections.some((s) => s.id === input.at)) return refuse('SECTION_NOT_FOUND', { id: input.at });
  const steps: Step[] = next.steps ?? [{ id: 'buoc-1', title: next.title, sections: next.sections.map((s) => s.id) }];
  const k = steps.findIndex((st) => st.sections.includes(input.at));
  const host = steps[k]!;
  const cut = host.sections.indexOf(input.at);
  const id = idFrom(input.title, steps.map((s) => s.id), 'buoc');
  if (cut === 0) {
    // Starting where a step already starts: that step is renamed when it is the implicit one, refused otherwise.
    if (next.steps) return refuse('STEP_STARTS_HERE', { title: host.title });
    next.steps = [{ id, title: input.title.trim(), sections: host.sections }];
    return { ok: true, value: next };
  }
  const moved = host.sections.splice(cut);
  steps.splice(k + 1, 0, { id, title: input.title.trim(), sections: moved });
  next.steps = steps;
  return { ok: true, value: next };
}

export function renameStep(def: FormDefinition, id: string, title: string): Outcome<FormDefinition, StepProblemCode> {
  const next = structuredClone(def);
  const step = next.steps?.find((s) => s.id === id);
  if (!step) return refuse('STEP_NOT_FOUND', { id });
  step.title = title.trim();
  return { ok: true, value: next };
}

/** Removes a step: its sections join the step before it (the next one, for the first step). */
export function removeStep(def: FormDefinition, id: string): Outcome<FormDefinition, StepProblemCode> {
  const next = structuredClone(def);
  const steps = next.steps ?? [];
  const k = steps.findIndex((s) => s.id === id);
  if (k < 0) return refuse('STEP_NOT_FOUND', { id });
  const [gone] = steps.splice(k, 1);
  if (!steps.length) delete next.steps;
  else if (k > 0) steps[k - 1]!.sections.push(...gone!.sections);
  else steps[0]!.sections.unshift(...gone!.sections);
  return { ok: true, value: next };
}

/** Moves a step with all its sections one place up or down. */
export function moveStep(def: FormDefinition, id: string, by: -1 | 1): Outcome<FormDefinition, StepProblemCode> {
  const next = structuredClone(def);
  const steps = next.steps ?? [];
  const k = steps.findIndex((s) => s.id === id);
  if (k < 0) return refuse('STEP_NOT_FOUND', { id });
  const j = k + by;
  if (j < 0 || j >= steps.length) return refuse('CANNOT_MOVE', { label: steps[k]!.title });
  [steps[k], steps[j]] = [steps[j]!, steps[k]!];
  const order = steps.flatMap((s) => s.sections);
  next.sections = order.map((sid) => next.sections.find((s) => s.id === sid)!);
  return { ok: true, value: next };
}
