import { AddressFields } from '../../../web/components/address.tsx';
import type { Address } from '../../../web/provinces.ts';
import type { TextField } from '../../model.ts';
import type { Control } from '../control.ts';

export const addressControl: Control<TextField> = {
  render(p) {
    const a = (p.raw && typeof p.raw === 'object' ? p.raw : {}) as Partial<Address>;
    return <AddressFields prefix={p.name} legend={p.field.label} hint={p.hint} required={p.required} value={a} errors={p.errors} partName={(part) => `${p.name}.${part.toLowerCase()}`} />;
  },
};
