// The DNS client's packet reading and writing, on crafted packets (no network).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeResponse, encodeQuery, TYPE } from './dns.ts';

function answer(flags: number, records: Buffer[]): Buffer {
  const q = Buffer.concat([Buffer.from([6, ...Buffer.from('portal'), 2, ...Buffer.from('vn'), 0]), Buffer.from([0, 28, 0, 1])]);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(0x1234, 0);
  header.writeUInt16BE(flags, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  return Buffer.concat([header, q, ...records]);
}
/** An answer record whose name is a compression pointer to the question's name (offset 12). */
function rr(type: number, rdata: Buffer): Buffer {
  const b = Buffer.alloc(12);
  b.writeUInt16BE(0xc00c, 0);
  b.writeUInt16BE(type, 2);
  b.writeUInt16BE(1, 4);
  b.writeUInt32BE(300, 6);
  b.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([b, rdata]);
}

test('a query asks for recursion and the AD bit, and sets the EDNS0 DO bit', () => {
  const q = encodeQuery(7, 'dichvucong.gov.vn', TYPE.AAAA);
  assert.equal(q.readUInt16BE(0), 7);
  assert.equal(q.readUInt16BE(2), 0x0120);
  assert.equal(q.readUInt16BE(10), 1);
  assert.equal(q.subarray(12, 31).toString('latin1'), '\ndichvucong\x03gov\x02vn\x00');
  assert.equal(q.readUInt16BE(31), 28);
  assert.equal(q.readUInt32BE(q.length - 6) & 0x8000, 0x8000);
  assert.throws(() => encodeQuery(1, `${'a'.repeat(64)}.vn`, TYPE.A), /dài quá 63 ký tự/);
});

test('an answer is read with its flags, compressed names, IPv6 addresses and signatures', () => {
  const v6 = Buffer.from('20010db8000000000000000000000001', 'hex');
  const sig = Buffer.concat([Buffer.from([0, 28]), Buffer.alloc(16)]);
  const r = decodeResponse(answer(0x81a0, [rr(TYPE.AAAA, v6), rr(TYPE.RRSIG, sig)]));
  assert.equal(r.ad, true);
  assert.equal(r.ra, true);
  assert.equal(r.rcode, 'NOERROR');
  assert.deepEqual(r.answers.map((a) => [a.name, a.typeName, a.value]), [['portal.vn.', 'AAAA', '2001:db8::1'], ['portal.vn.', 'RRSIG', 'AAAA']]);
  assert.equal(decodeResponse(answer(0x8183, [])).rcode, 'NXDOMAIN');
  assert.equal(decodeResponse(answer(0x8180, [])).ad, false);
});

test('broken packets are refused with a clear message, never read out of bounds or looped forever', () => {
  assert.throws(() => decodeResponse(Buffer.alloc(5)), /ngắn hơn phần đầu/);
  assert.throws(() => decodeResponse(answer(0x0100, [])), /không phải một câu trả lời/);
  const cut = answer(0x8180, [rr(TYPE.A, Buffer.from([127, 0, 0, 1]))]);
  assert.throws(() => decodeResponse(cut.subarray(0, cut.length - 2)), /cắt cụt/);
  const loop = answer(0x8180, [Buffer.from([0xc0, 0x24, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0])]);
  loop.writeUInt16BE(0xc000 | (loop.length - 12), loop.length - 12); // a pointer to itself
  assert.throws(() => decodeResponse(loop), /vòng lặp con trỏ nén|cắt cụt/);
});
