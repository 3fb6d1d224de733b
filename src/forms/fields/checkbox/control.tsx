import { Checkbox } from '../../../web/components/form.tsx';
import type { Field } from '../../model.ts';
import type { Control } from '../control.ts';

/** One box; the pledge (consent) is drawn the same way. */
export const checkboxControl: Control<Field> = { render: (p) => <Checkbox name={p.name} label={p.field.label} hint={p.hint} checked={p.raw === true || p.raw === 'true'} errors={p.errors} /> };
