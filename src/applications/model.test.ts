import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applicationCode, APPLICATION_CODE, checkTransition, eFormComponent, FINAL, nextStatuses, resumeAfter, STATUS_NAMES, type Status } from './model.ts';
import { APPLICATION_PROBLEMS } from './problems.ts';
import { explain } from '../web/problem.ts';

describe('application statuses (A3, A8)', () => {
  test('an officer receives or refuses a new application; refusing needs a reason', () => {
    assert.equal(checkTransition(1, 2, 'officer'), undefined);
    assert.equal(checkTransition(1, 3, 'officer')?.code, 'NOTE_REQUIRED');
    assert.equal(checkTransition(1, 3, 'officer', 'Hồ sơ không thuộc thẩm quyền'), undefined);
  });

  test('a request for documents must list them', () => {
    assert.match(explain(APPLICATION_PROBLEMS, checkTransition(4, 5, 'officer', '  ')!).message, /liệt kê đầy đủ một lần/);
    assert.equal(checkTransition(4, 5, 'officer', 'Bản sao văn bằng có chứng thực'), undefined);
  });

  test('the applicant may only withdraw, and only an unfinished application (7 → 8 by the officer)', () => {
    for (const from of [1, 2, 4, 5, 6] as Status[]) assert.equal(checkTransition(from, 7, 'applicant'), undefined, `from ${from}`);
    for (const from of [3, 8, 9, 10] as Status[]) assert.equal(checkTransition(from, 7, 'applicant')?.code, 'NOT_ALLOWED', `from ${from}`);
    assert.equal(checkTransition(1, 2, 'applicant')?.code, 'NOT_YOURS');
    assert.equal(checkTransition(7, 8, 'officer'), undefined);
    assert.deepEqual(nextStatuses(4, 'applicant'), [7]);
  });

  test('nothing leaves a final status; a result is returned only after processing is done', () => {
    for (const s of FINAL) for (let to = 1; to <= 10; to++) assert.ok(checkTransition(s, to as Status, 'officer'), `${s} → ${to}`);
    assert.equal(checkTransition(4, 10, 'officer')?.code, 'NOT_ALLOWED');
    assert.equal(checkTransition(9, 10, 'officer'), undefined);
    assert.match(explain(APPLICATION_PROBLEMS, checkTransition(4, 10, 'officer')!).message, /từ "Đang xử lý" sang "Đã trả kết quả"/);
  });

  test('supplied documents or paid fees send the application back to where it was asked', () => {
    assert.equal(resumeAfter(1), 1);
    assert.equal(resumeAfter(2), 4);
    assert.equal(resumeAfter(4), 4);
    assert.equal(checkTransition(5, 4, 'system'), undefined);
    assert.equal(checkTransition(6, 4, 'system'), undefined);
    assert.equal(checkTransition(6, 4, 'officer')?.code, 'NOT_YOURS');
  });

  test('every status has its national name', () => {
    assert.equal(Object.keys(STATUS_NAMES).length, 10);
    assert.equal(STATUS_NAMES[6], 'Yêu cầu thực hiện nghĩa vụ tài chính');
  });

  test('the application code is agency, YYMMDD and the day’s sequence', () => {
    const code = applicationCode('000.00.12.H34', '2026-11-26', 1);
    assert.equal(code, '000.00.12.H34-261126-0001');
    assert.match(code, APPLICATION_CODE);
    assert.equal(applicationCode('000.33.01.H34', '2027-01-05', 12345), '000.33.01.H34-270105-12345');
    assert.throws(() => applicationCode('000.00.12.H34', '2026-11-26', 0));
  });
});

describe('the e-form as a paper of the dossier (A1, A5)', () => {
  const attachment = (component: string) => ({ fields: [{ type: 'attachment', component }] });
  const c = (id: string, kind: string, name: string) => ({ id, kind, name });
  test('the declaration the form is titled after is the e-form itself; a paper it asks a file for is not', () => {
    const def = { title: 'Đơn đề nghị cấp Chứng chỉ hành nghề dược', number: 'Mẫu số 02', sections: [attachment('van-bang')] };
    const components = [c('van-bang', 'van-bang-chuyen-mon', 'Bản sao văn bằng'), c('don', 'don-de-nghi', 'Đơn đề nghị cấp Chứng chỉ hành nghề dược theo Mẫu số 02')];
    assert.equal(eFormComponent(def, components)?.id, 'don');
    assert.equal(eFormComponent({ ...def, sections: [attachment('don')] }, components), undefined, 'a form that asks a file for it does not replace it');
  });
  test('of two declarations, the one named like the form; of one unnamed, that one; none of another kind', () => {
    const def = { title: 'Tờ khai đăng ký khai sinh', sections: [] };
    const two = [c('nhan-cmc', 'to-khai', 'Tờ khai đăng ký nhận cha, mẹ, con theo mẫu'), c('khai-sinh', 'to-khai', 'TỜ KHAI ĐĂNG KÝ KHAI SINH theo mẫu')];
    assert.equal(eFormComponent(def, two)?.id, 'khai-sinh');
    assert.equal(eFormComponent({ title: 'Tờ khai khác', sections: [] }, two), undefined, 'two declarations, neither named like the form: both stay papers');
    assert.equal(eFormComponent({ title: 'Tờ khai khác', sections: [] }, [two[0]!])?.id, 'nhan-cmc');
    assert.equal(eFormComponent(def, [c('cam-ket', 'van-ban-cam-ket', 'Tờ khai đăng ký khai sinh (bản cam kết)')]), undefined);
  });
});
