// What the verification page says about the PAdES signature embedded in a result (A7): whether
// it holds, who signed, the chain of issuers up to the root, whether each certificate was valid
// at the signing time, and that revocation cannot be checked from here.
import type { X509Certificate } from 'node:crypto';
import { Facts } from '../../web/components/facts.tsx';
import { timeVi } from '../../web/format.ts';
import type { EmbeddedSignature } from './pades-pdf.ts';
import { nameLine } from './signing-cert.ts';

const commonName = (c: X509Certificate) => /(?:^|\n)CN=([^\n]+)/.exec(c.subject)?.[1] ?? nameLine(c.subject);
const validAt = (c: X509Certificate, at: Date) => new Date(c.validFrom) <= at && at <= new Date(c.validTo);

/** Every check an embedded signature must pass to be called valid; pure, for the page and its tests. */
export function embeddedHolds(s: EmbeddedSignature): boolean {
  const at = s.signedAt ?? new Date(0);
  return s.digestMatches && s.signatureValid && s.signingCertificateBound && s.coversWholeFile && s.chain.length > 0 && s.chain.every((c) => validAt(c, at));
}

export function EmbeddedSignatureFacts({ s }: { s: EmbeddedSignature }) {
  const holds = embeddedHolds(s);
  const at = s.signedAt;
  const signer = s.chain[0];
  return (
    <section aria-labelledby="chu-ky-nhung">
      <h3 id="chu-ky-nhung">Chữ ký số nhúng trong tệp (PAdES)</h3>
      <Facts
        class="service-facts"
        items={[
          { term: 'Kết quả kiểm tra', value: holds ? 'Hợp lệ: chữ ký đúng và bao trùm toàn bộ tệp' : s.digestMatches && s.signatureValid ? 'Không hợp lệ: chứng thư không còn hiệu lực lúc ký, hoặc chữ ký không bao trùm toàn bộ tệp' : 'Không hợp lệ: nội dung đã thay đổi sau khi ký' },
          { term: 'Người ký', value: signer ? commonName(signer) : 'không đọc được' },
          { term: 'Thời điểm ký (theo tệp)', value: at ? timeVi(at) : 'không ghi' },
          {
            term: 'Chuỗi chứng thư',
            value: (
              <ol>
                {s.chain.map((c) => (
                  <li>
                    {nameLine(c.subject)} — cấp bởi {nameLine(c.issuer)}; số hiệu <code>{c.serialNumber}</code>; hiệu lực {timeVi(new Date(c.validFrom))} – {timeVi(new Date(c.validTo))}
                    {at ? (validAt(c, at) ? ' (còn hiệu lực lúc ký)' : ' (KHÔNG còn hiệu lực lúc ký)') : ''}
                  </li>
                ))}
              </ol>
            ),
          },
          { term: 'CA gốc', value: s.chainComplete ? `${commonName(s.chain[s.chain.length - 1]!)} (tự ký; mức tin cậy do trình đọc PDF quyết định theo danh sách CA tin cậy)` : 'Tệp không kèm đủ chuỗi đến CA gốc' },
          { term: 'Tình trạng thu hồi', value: 'Không kiểm tra được: cổng không truy cập được dịch vụ OCSP/CRL của tổ chức cấp' },
          { term: 'Định dạng', value: s.subFilter ?? 'không rõ' },
        ]}
      />
    </section>
  );
}
