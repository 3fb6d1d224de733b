// The embedded PAdES signature without a database (A7): what is signed reads back as valid and
// bound to its certificate; a changed byte, a certificate expired at the signing time, a PDF
// the incremental update cannot handle, and a PDF with no signature are each told apart.
import assert from 'node:assert/strict';
import { constants, generateKeyPairSync, privateEncrypt } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { test } from 'node:test';
import { LocalCa } from './helpers/local-ca.ts';
import type { DigestSigner } from '../src/applications/results/pades-cms.ts';
import { PadesUnsupported, readEmbeddedSignature, signPdf } from '../src/applications/results/pades-pdf.ts';
import { embeddedHolds } from '../src/applications/results/pades-views.tsx';
import { renderResult } from '../src/applications/results/pdf.ts';
import { readPkcs12 } from '../src/applications/results/signing-cert.ts';
import { remoteSigner, RemoteSigningError, SHA256_DIGEST_INFO } from '../src/applications/results/remote-signer.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const DAY = 86_400_000;
const ca = new LocalCa();

function signerOf(p12: string): DigestSigner {
  const b = readPkcs12(readFileSync(p12), 'pw');
  return { chain: b.chain.map((c) => c.raw), sign: async (d) => privateEncrypt({ key: b.key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, d])) };
}
const result = () => renderResult({ code: '000.00.12.H34-261205-0001', agencyName: 'Sở Y tế tỉnh Khánh Hòa', serviceName: 'Cấp Chứng chỉ hành nghề dược', applicantName: 'Nguyễn Văn An', decision: 'Đồng ý cấp.', issuedAt: new Date(), verifyUrl: 'http://localhost/xac-thuc-ket-qua' });

test('a signed result reads back valid, bound to the agency certificate, with the chain to the root and the signing time', async () => {
  const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const pdf = await result();
  const signed = await signPdf(pdf, { signer: signerOf(ca.issue('Sở Y tế tỉnh Khánh Hòa', 'pw').p12), signedAt, name: 'Sở Y tế tỉnh Khánh Hòa', reason: 'Kết quả' });
  assert.ok(signed.subarray(0, pdf.length).equals(pdf), 'the original bytes are kept as they were (incremental update)');
  const update = signed.subarray(pdf.length).toString('latin1');
  assert.match(update, /\/AcroForm << \/Fields \[(\d+) 0 R\] \/SigFlags 3 >>/);
  assert.match(update, /\/Type \/Page\b[^]*\/Annots \[\d+ 0 R\]/, 'the first page lists the signature widget');
  const s = readEmbeddedSignature(signed)!;
  assert.ok(s.digestMatches && s.signatureValid && s.signingCertificateBound && s.coversWholeFile && s.chainComplete);
  assert.deepEqual(s.chain.map((c) => /CN=([^\n]+)/.exec(c.subject)?.[1]), ['Sở Y tế tỉnh Khánh Hòa', 'CA thử nghiệm dvctt']);
  assert.equal(s.signedAt?.toISOString(), signedAt.toISOString());
  assert.equal(s.subFilter, 'ETSI.CAdES.detached');
  assert.equal(embeddedHolds(s), true);

  const changed = Buffer.from(signed);
  changed[100] = changed[100]! ^ 1;
  const broken = readEmbeddedSignature(changed)!;
  assert.equal(broken.digestMatches, false);
  assert.equal(embeddedHolds(broken), false);

  const appended = Buffer.concat([signed, Buffer.from('% thêm sau khi ký\n')]);
  assert.equal(readEmbeddedSignature(appended)!.coversWholeFile, false, 'bytes added after signing are not covered');
  assert.equal(embeddedHolds(readEmbeddedSignature(appended)!), false);
});

test('a signature made when the certificate had expired does not hold, though the bytes are intact', async () => {
  const expired = ca.issue('Sở Y tế tỉnh Khánh Hòa', 'pw', new Date(Date.now() - 400 * DAY), new Date(Date.now() - 30 * DAY));
  const s = readEmbeddedSignature(await signPdf(await result(), { signer: signerOf(expired.p12), signedAt: new Date(), name: 'x', reason: 'y' }))!;
  assert.ok(s.digestMatches && s.signatureValid);
  assert.equal(embeddedHolds(s), false);
});

test('a PDF without a signature reads as none; one already signed, or without a readable trailer, is refused by the signer', async () => {
  const pdf = await result();
  assert.equal(readEmbeddedSignature(pdf), undefined);
  const signer = signerOf(ca.issue('Sở Y tế tỉnh Khánh Hòa', 'pw').p12);
  const once = await signPdf(pdf, { signer, signedAt: new Date(), name: 'x', reason: 'y' });
  await assert.rejects(signPdf(once, { signer, signedAt: new Date(), name: 'x', reason: 'y' }), PadesUnsupported);
  await assert.rejects(signPdf(Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n'), { signer, signedAt: new Date(), name: 'x', reason: 'y' }), PadesUnsupported);
  // A foreign RSA key that does not match the chain gives a signature that does not verify.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const wrong: DigestSigner = { chain: signer.chain, sign: async (d) => privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, d])) };
  const forged = readEmbeddedSignature(await signPdf(pdf, { signer: wrong, signedAt: new Date(), name: 'x', reason: 'y' }))!;
  assert.equal(forged.signatureValid, false);
  assert.equal(embeddedHolds(forged), false);
});

/** A PDF 1.5 as modern tools write it: catalog, page tree and page inside a compressed object stream, a cross-reference stream. */
function packedPdf(): Buffer {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let header = '';
  let body = '';
  objs.forEach((o, i) => {
    header += `${i + 1} ${body.length} `;
    body += `${o}\n`;
  });
  const packed = deflateSync(Buffer.from(header + body, 'latin1'));
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n%\xe2\xe3\n', 'latin1')];
  const at = () => parts.reduce((n, p) => n + p.length, 0);
  const objStmAt = at();
  parts.push(Buffer.from(`4 0 obj\n<< /Type /ObjStm /N 3 /First ${header.length} /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`, 'latin1'), packed, Buffer.from('\nendstream\nendobj\n', 'latin1'));
  const xrefAt = at();
  const row = (type: number, a: number, b: number) => Buffer.from([type, (a >>> 24) & 255, (a >>> 16) & 255, (a >>> 8) & 255, a & 255, (b >>> 8) & 255, b & 255]);
  const table = Buffer.concat([row(0, 0, 65535), row(2, 4, 0), row(2, 4, 1), row(2, 4, 2), row(1, objStmAt, 0), row(1, xrefAt, 0)]);
  parts.push(Buffer.from(`5 0 obj\n<< /Type /XRef /Size 6 /Root 1 0 R /W [1 4 2] /Length ${table.length} >>\nstream\n`, 'latin1'), table, Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

test('a PDF whose catalog is in a compressed object stream is signed too, and pdfsig reads it as valid', async () => {
  const signed = await signPdf(packedPdf(), { signer: signerOf(ca.issue('Sở Y tế tỉnh Khánh Hòa', 'pw').p12), signedAt: new Date(), name: 'Sở Y tế tỉnh Khánh Hòa', reason: 'Kết quả' });
  assert.equal(embeddedHolds(readEmbeddedSignature(signed)!), true);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dvctt-objstm-')), 'ketqua.pdf');
  writeFileSync(file, signed);
  const report = execFileSync('pdfsig', [file], { encoding: 'utf8' });
  assert.match(report, /Signer Certificate Common Name: Sở Y tế tỉnh Khánh Hòa/);
  assert.match(report, /Total document signed/);
  assert.match(report, /Signature Validation: Signature is Valid\./);
  assert.match(execFileSync('pdfinfo', [file], { encoding: 'utf8' }), /Pages:\s+1\n/);
});

/** A signing service on loopback speaking the CSC API v2 subset the remote signer uses; `garble` answers a wrong signature. */
async function signingService(p12: string, garble = { on: false }) {
  const b = readPkcs12(readFileSync(p12), 'pw');
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      calls.push(`${req.url} ${req.headers.authorization}`);
      const body = JSON.parse(raw) as { credentialID: string; hashes?: string[] };
      if (req.headers.authorization !== 'Bearer ma-truy-cap' || body.credentialID !== 'so-y-te') return res.writeHead(401).end('{}');
      const send = (o: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(o));
      if (req.url === '/csc/v2/credentials/info') return send({ cert: { status: 'valid', certificates: b.chain.map((c) => c.raw.toString('base64')) } });
      const digest = Buffer.from(body.hashes![0]!, 'base64');
      if (garble.on) digest[0] = digest[0]! ^ 1;
      return send({ signatures: [privateEncrypt({ key: b.key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])).toString('base64')] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/csc/v2/`, calls, close: () => server.close() };
}

test('a remote signing service signs the digest: pdfsig reads the result as valid; a wrong token or a signature that does not match the certificate is refused', async () => {
  const garble = { on: false };
  const service = await signingService(ca.issue('Sở Y tế tỉnh Khánh Hòa', 'pw').p12, garble);
  try {
    const signer = await remoteSigner({ url: service.url, token: 'ma-truy-cap', credentialId: 'so-y-te' });
    const signed = await signPdf(await result(), { signer, signedAt: new Date(), name: 'Sở Y tế tỉnh Khánh Hòa', reason: 'Kết quả' });
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dvctt-remote-')), 'ketqua.pdf');
    writeFileSync(file, signed);
    assert.match(execFileSync('pdfsig', [file], { encoding: 'utf8' }), /Signer Certificate Common Name: Sở Y tế tỉnh Khánh Hòa[^]*Total document signed[^]*Signature is Valid\./);
    assert.deepEqual(service.calls.map((c) => c.split(' ')[0]), ['/csc/v2/credentials/info', '/csc/v2/signatures/signHash']);

    await assert.rejects(remoteSigner({ url: service.url, token: 'sai', credentialId: 'so-y-te' }), (e: Error) => e instanceof RemoteSigningError && /HTTP 401/.test(e.message));
    garble.on = true;
    await assert.rejects(signPdf(await result(), { signer, signedAt: new Date(), name: 'x', reason: 'y' }), (e: Error) => e instanceof RemoteSigningError && /không khớp với chứng thư/.test(e.message));
  } finally {
    service.close();
  }
});
