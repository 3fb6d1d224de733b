// ASVS 12.1.2: a Word or OpenDocument upload is a ZIP, and what it expands to is counted by
// inflating it, never taken from its directory: past 100 MB in all it is refused, and an archive
// that cannot be read through is refused as broken.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Document, Packer, Paragraph } from 'docx';
import { zipSync } from 'fflate';
import { checkZipExpansion, MAX_EXPANDED_BYTES } from '../src/storage/index.ts';
import { deflatedZeros, docxBomb, zipOf } from './helpers/zip.ts';

const MB = 1024 * 1024;

describe('what a ZIP-based document expands to', () => {
  test('a real .docx and a real .odt pass, with what they expand to counted', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Đơn đề nghị cấp chứng chỉ hành nghề dược')] }] }));
    const verdict = await checkZipExpansion(docx);
    assert.equal(verdict.ok, true);
    assert.ok(verdict.ok && verdict.expanded > docx.length, 'the entries were inflated and counted');
    const odt = Buffer.from(zipSync({ mimetype: [new TextEncoder().encode('application/vnd.oasis.opendocument.text'), { level: 0 }], 'content.xml': new TextEncoder().encode('<office:document-content/>'.repeat(1000)) }));
    assert.deepEqual(await checkZipExpansion(odt), { ok: true, expanded: 'application/vnd.oasis.opendocument.text'.length + '<office:document-content/>'.length * 1000 });
  });

  test('a 1 GiB bomb is stopped once it passes 100 MB, whether its directory tells the truth or claims 1 KB', async () => {
    assert.equal(MAX_EXPANDED_BYTES, 100 * MB);
    for (const claimed of [1024 * MB, 1024]) {
      const bomb = docxBomb(1024, claimed);
      assert.ok(bomb.length < 2 * MB, `the bomb is small on disk (${bomb.length} bytes)`);
      const started = Date.now();
      assert.deepEqual(await checkZipExpansion(bomb), { ok: false, reason: 'too-large' });
      assert.ok(Date.now() - started < 5000, 'stopped early, not inflated to the end');
    }
  });

  test('entries that each stay small but together pass 100 MB are refused; just under it passes', async () => {
    const three = zipOf(['a', 'b', 'c'].map((n) => ({ name: `word/${n}.xml`, data: deflatedZeros(40), claimedSize: 1000 })));
    assert.deepEqual(await checkZipExpansion(three), { ok: false, reason: 'too-large' });
    const under = zipOf(['a', 'b'].map((n) => ({ name: `word/${n}.xml`, data: deflatedZeros(50), claimedSize: 50 * MB })));
    assert.deepEqual(await checkZipExpansion(under), { ok: true, expanded: 100 * MB });
    // The same entry named twice in the directory (overlapping files) counts twice.
    const once = zipOf([{ name: 'word/document.xml', data: deflatedZeros(60), claimedSize: 60 * MB }]);
    const eocd = once.length - 22;
    const centralStart = once.readUInt32LE(eocd + 16);
    const central = once.subarray(centralStart, eocd);
    const twice = Buffer.concat([once.subarray(0, eocd), central, once.subarray(eocd)]);
    twice.writeUInt16LE(2, twice.length - 22 + 8);
    twice.writeUInt16LE(2, twice.length - 22 + 10);
    twice.writeUInt32LE(central.length * 2, twice.length - 22 + 12);
    assert.deepEqual(await checkZipExpansion(twice), { ok: false, reason: 'too-large' });
  });

  test('what is not a sound ZIP is broken: no directory, cut short, a garbled deflate stream, an entry outside the file', async () => {
    const good = zipOf([{ name: 'word/document.xml', data: deflatedZeros(1), claimedSize: MB }]);
    const garbled = Buffer.from(good);
    garbled.fill(0xff, 60, 80);
    const outside = Buffer.from(good);
    outside.writeUInt32LE(10 * MB, outside.length - 22 - 'word/document.xml'.length - 46 + 20);
    for (const [why, bytes] of [
      ['only a local header', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('word/document.xml')])],
      ['cut short', good.subarray(0, good.length - 30)],
      ['garbled', garbled],
      ['outside', outside],
      ['empty', Buffer.alloc(0)],
    ] as const) {
      assert.deepEqual(await checkZipExpansion(bytes), { ok: false, reason: 'broken' }, why);
    }
    assert.deepEqual(await checkZipExpansion(good), { ok: true, expanded: MB });
  });
});
