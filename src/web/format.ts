// How the portal writes times and days for people: Vietnam's time zone, dd/mm/yyyy.
export function timeVi(d: Date): string {
  return d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false });
}

/** A calendar day 'YYYY-MM-DD' as dd/mm/yyyy; `empty` when there is none. */
export function dayVi(day: string | null | undefined, empty = '—'): string {
  return day ? day.split('-').reverse().join('/') : empty;
}
