import { Field as TextInput, TextArea } from '../../../web/components/form.tsx';
import type { TextField } from '../../model.ts';
import { str, type Control, type ControlProps } from '../control.ts';

type InputExtras = Partial<Pick<Parameters<typeof TextInput>[0], 'type' | 'inputMode' | 'autocomplete' | 'maxLength' | 'hint'>>;

/** A one-line input with the field's label, hint and error; `extras` give the type's keyboard and limits. */
export function textInput(p: ControlProps<TextField>, extras: InputExtras = {}) {
  return <TextInput name={p.name} label={p.field.label} hint={p.hint} value={str(p.raw)} errors={p.errors} required={p.required} maxLength={p.field.rules?.maxLength ?? 200} {...extras} />;
}

export const textControl: Control<TextField> = { render: (p) => textInput(p, p.field.prefill === 'fullName' ? { autocomplete: 'name' } : {}) };

export const textareaControl: Control<TextField> = {
  render: (p) => <TextArea name={p.name} label={p.field.label} hint={p.hint} value={str(p.raw)} errors={p.errors} required={p.required} maxLength={p.field.rules?.maxLength} />,
};
