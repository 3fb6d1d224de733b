import { Checkboxes, Radios } from '../../../web/components/form.tsx';
import type { ChoiceField } from '../../model.ts';
import { str, type Control } from '../control.ts';

export const choiceControl: Control<ChoiceField> = {
  render: (p) => <Radios name={p.name} legend={p.field.label} hint={p.hint} options={p.field.options} value={str(p.raw)} errors={p.errors} required={p.required} preselect={false} />,
};

export const multichoiceControl: Control<ChoiceField> = {
  render: (p) => (
    <Checkboxes name={p.name} legend={p.field.label} hint={p.hint} options={p.field.options} values={(Array.isArray(p.raw) ? p.raw : [p.raw]).filter((x): x is string => typeof x === 'string')} errors={p.errors} required={p.required} />
  ),
};
