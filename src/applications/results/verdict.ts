// What the verification page tells about an uploaded copy of a result. Pure, unit-tested.
import type { StoredResult } from './store.ts';

export interface Difference {
  /** 0-based offset of the first byte that differs, or the shorter length when one is a prefix. */
  firstOffset: number;
  issuedSize: number;
  uploadedSize: number;
  /** Bytes that differ at the same offsets over the common length. */
  changedBytes: number;
}

export type Verdict =
  | { kind: 'issued'; result: StoredResult; holds: boolean }
  | { kind: 'no-result'; code: string }
  | { kind: 'file'; result: StoredResult; holds: boolean }
  | { kind: 'changed'; result: StoredResult; uploaded: { size: number; sha256: string }; difference: Difference }
  | { kind: 'unknown'; uploaded: { size: number; sha256: string } };

export function compareBytes(issued: Buffer, uploaded: Buffer): Difference {
  const common = Math.min(issued.length, uploaded.length);
  let first = -1;
  let changed = 0;
  for (let i = 0; i < common; i++) {
    if (issued[i] !== uploaded[i]) {
      if (first < 0) first = i;
      changed += 1;
    }
  }
  return { firstOffset: first < 0 ? common : first, issuedSize: issued.length, uploadedSize: uploaded.length, changedBytes: changed };
}
