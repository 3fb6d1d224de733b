// Amounts in Vietnamese words, as a receipt writes them ("Một trăm nghìn đồng"): hundreds always
// said inside a number ("không trăm linh năm"), "mười" and "mươi", "mốt" and "lăm" after tens.
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'];

/** One group of three digits; `inner` when a higher group was said before it. */
function group(n: number, inner: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const out: string[] = [];
  if (h > 0 || inner) out.push(DIGITS[h]!, 'trăm');
  if (t === 0 && u > 0 && (h > 0 || inner)) out.push('linh');
  if (t === 1) out.push('mười');
  if (t > 1) out.push(DIGITS[t]!, 'mươi');
  if (u > 0) out.push(u === 1 && t > 1 ? 'mốt' : u === 5 && t > 0 ? 'lăm' : DIGITS[u]!);
  return out;
}

/** 100000 → "một trăm nghìn"; 0 → "không". Whole non-negative numbers below 10^18. */
export function numberInWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${n} không phải số nguyên không âm`);
  if (n === 0) return 'không';
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    words.push(...group(g, words.length > 0), ...(SCALES[i] ? [SCALES[i]!] : []));
  }
  return words.join(' ');
}

/** 100000 → "Một trăm nghìn đồng". */
export function amountInWords(amount: number): string {
  const w = `${numberInWords(amount)} đồng`;
  return w.charAt(0).toLocaleUpperCase('vi') + w.slice(1);
}
