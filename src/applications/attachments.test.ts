import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addWorkingDays, pausedWorkingDays, type WorkingCalendar } from './calendar.ts';
import { attachmentRule, checkUploads, cleanFileName, type UploadSlot } from './model.ts';

const cal: WorkingCalendar = { holidays: new Set(['2026-09-02']) };
const slot = (name: string, kind: string | null, required = true): UploadSlot => ({ name, componentId: name.split(':')[1] ?? null, label: name, rule: attachmentRule(kind), required });

describe('attachments (A1, F6)', () => {
  test('photos take JPEG or PNG up to 5 MB; papers a scan up to 10 MB', () => {
    assert.deepEqual(attachmentRule('anh-chan-dung'), { accept: ['jpeg', 'png'], maxBytes: 5 * 1024 * 1024 });
    assert.deepEqual(attachmentRule('van-bang-chuyen-mon').accept, ['pdf', 'jpeg', 'png']);
  });

  test('every problem is found at once, keyed by the slot; a satisfied slot is optional', () => {
    const slots = [slot('component:a', 'anh-chan-dung'), slot('component:b', null), slot('component:c', null), { ...slot('component:d', null), satisfied: true }];
    const { errors, accepted } = checkUploads(slots, [
      { field: 'component:a', filename: 'a.jpg', size: 10, kind: 'pdf' },
      { field: 'component:b', filename: 'b.pdf', size: 0, kind: null },
    ]);
    assert.deepEqual(Object.keys(errors).sort(), ['component:a', 'component:b', 'component:c']);
    assert.match(errors['component:a']!, /chỉ nhận JPEG, PNG/);
    assert.match(errors['component:b']!, /rỗng/);
    assert.match(errors['component:c']!, /Hãy chọn tệp/);
    assert.deepEqual(accepted, [], 'nothing accepted while anything is wrong');
  });

  test('a file for no slot, two for one slot, one too large and too many files are refused', () => {
    const slots = [slot('component:b', null)];
    assert.match(checkUploads(slots, [{ field: 'component:x', filename: 'x.pdf', size: 5, kind: 'pdf' }]).errors.files!, /không thuộc thành phần hồ sơ nào/);
    const two = checkUploads(slots, [1, 2].map((i) => ({ field: 'component:b', filename: `${i}.pdf`, size: 5, kind: 'pdf' })));
    assert.match(two.errors['component:b']!, /chỉ nhận một tệp/);
    assert.match(checkUploads(slots, [{ field: 'component:b', filename: 'b.pdf', size: 11 * 1024 * 1024, kind: 'pdf' }]).errors['component:b']!, /lớn hơn dung lượng tối đa 10 MB/);
    assert.match(checkUploads(slots, Array.from({ length: 3 }, () => ({ field: 'component:b', filename: 'b.pdf', size: 5, kind: 'pdf' })), 2).errors.files!, /tối đa 2 tệp/);
    assert.equal(checkUploads(slots, [{ field: 'component:b', filename: 'b.pdf', size: 5, kind: 'pdf' }]).accepted.length, 1);
  });

  test('file names keep their Vietnamese letters but lose paths and control characters', () => {
    assert.equal(cleanFileName('C:\\Users\\an\\văn bằng.pdf'), 'văn bằng.pdf');
    assert.equal(cleanFileName('../../etc/"passwd"\u0000'), 'passwd');
    assert.equal(cleanFileName(''), 'tep-dinh-kem');
  });
});

describe('the clock paused for supplements (A4)', () => {
  test('working days from the request to completion; after 15:00 the completion counts from the next working day', () => {
    // Tuesday 1/9 10:00 → Thursday 3/9 09:00, with 2/9 a holiday: one working day.
    assert.equal(pausedWorkingDays(new Date('2026-09-01T10:00:00+07:00'), new Date('2026-09-03T09:00:00+07:00'), cal), 1);
    assert.equal(pausedWorkingDays(new Date('2026-09-01T10:00:00+07:00'), new Date('2026-09-03T15:30:00+07:00'), cal), 2);
    assert.equal(pausedWorkingDays(new Date('2026-09-01T10:00:00+07:00'), new Date('2026-09-01T11:00:00+07:00'), cal), 0);
  });
  test('the due date moves on by working days, skipping weekends and holidays', () => {
    assert.equal(addWorkingDays('2026-09-01', 2, cal), '2026-09-04');
    assert.equal(addWorkingDays('2026-09-04', 1, cal), '2026-09-07');
  });
});
