// The application's electronic receipts as links to their PDFs, for the applicant's application page.
import { formatVnd } from './model.ts';
import { receiptHref } from './receipt-routes.ts';
import type { Receipt } from './receipts.ts';

export function ReceiptLinks({ code, receipts }: { code: string; receipts: readonly Receipt[] }) {
  if (!receipts.length) return null;
  return (
    <section aria-labelledby="receipts-title">
      <h2 id="receipts-title">Biên lai điện tử</h2>
      <ul>
        {receipts.map((r) => (
          <li key={r.number}>
            <a href={receiptHref(code, r.number)}>
              Biên lai số {r.number}: {formatVnd(r.amount)} (PDF)
            </a>
            {r.refundedAt && ' — đã hoàn tiền'}
          </li>
        ))}
      </ul>
    </section>
  );
}
