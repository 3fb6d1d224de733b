// The satisfaction form (Q2, Art. 12): on the application page of an ended application and on
// its own page, linked from the notice that tells the applicant it ended. Plain HTML form.
import { CsrfField, ErrorSummary, Notice, Radios, TextArea, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { timeVi } from '../../web/format.ts';
import { CHANGE_DAYS, CRITERIA, CRITERION_NAMES, LEVEL_NAMES, LEVELS, RATEABLE_STATUSES } from '../model.ts';
import type { Rating } from '../store.ts';

const options = LEVELS.map((l) => ({ value: l, label: LEVEL_NAMES[l] }));
const optional = [...options, { value: '', label: 'Không đánh giá tiêu chí này' }];

export type RatingValues = Partial<Record<(typeof CRITERIA)[number] | 'comment', string>>;

export interface RatingSectionProps {
  ctx: PageContext;
  code: string;
  status: number;
  rating?: Rating;
  values?: RatingValues;
  errors?: FieldErrors;
  now?: Date;
}

/** The rating part of an application's page: the form, what was given, or why not yet. */
export function RatingSection({ ctx, code, status, rating, values, errors = {}, now = new Date() }: RatingSectionProps) {
  if (!RATEABLE_STATUSES.has(status)) return null;
  const changeable = !rating || now < rating.changeableUntil;
  const v: RatingValues = values ?? (rating ? { overall: rating.overall, convenience: rating.convenience ?? '', timeliness: rating.timeliness ?? '', attitude: rating.attitude ?? '', comment: rating.comment ?? '' } : {});
  return (
    <section class="rating" aria-labelledby="danh-gia">
      <h2 id="danh-gia">Đánh giá mức độ hài lòng</h2>
      {rating && (
        <p>
          Quý khách đã đánh giá: <strong>{LEVEL_NAMES[rating.overall]}</strong> (gửi lúc {timeVi(rating.createdAt)}).{' '}
          {changeable ? `Có thể sửa đánh giá đến ${timeVi(rating.changeableUntil)}.` : `Đánh giá đã quá ${CHANGE_DAYS} ngày nên không sửa được nữa.`}
        </p>
      )}
      {changeable && (
        <form method="post" action={`/ho-so/${code}/danh-gia`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          {!rating && <p>Hồ sơ đã kết thúc. Xin quý khách cho biết mức độ hài lòng về việc giải quyết hồ sơ; ý kiến giúp cơ quan phục vụ tốt hơn.</p>}
          <Radios name="overall" legend={CRITERION_NAMES.overall} options={options} value={v.overall} errors={errors} required preselect={false} />
          {(['convenience', 'timeliness', 'attitude'] as const).map((c) => (
            <Radios key={c} name={c} legend={`${CRITERION_NAMES[c]} (không bắt buộc)`} options={optional} value={v[c] ?? ''} errors={errors} />
          ))}
          <TextArea name="comment" label="Ý kiến khác (không bắt buộc)" value={v.comment} errors={errors} maxLength={2000} hint="Tối đa 2.000 ký tự." />
          <button type="submit" class="button">
            {rating ? 'Cập nhật đánh giá' : 'Gửi đánh giá'}
          </button>
        </form>
      )}
    </section>
  );
}

export function RatingPage({ ctx, code, serviceName, status, rating, values, errors = {}, notice }: RatingSectionProps & { serviceName: string; notice?: string }) {
  return (
    <Layout ctx={ctx} title={`Đánh giá hồ sơ ${code}`} description={`Đánh giá mức độ hài lòng về việc giải quyết hồ sơ ${code}.`}>
      <p>
        <a href={`/ho-so/${code}`}>‹ Hồ sơ {code}</a>
      </p>
      <h1>Đánh giá hồ sơ {code}</h1>
      <p>Thủ tục: {serviceName}</p>
      <ErrorSummary errors={errors} />
      {notice && <Notice>{notice}</Notice>}
      {RATEABLE_STATUSES.has(status) ? <RatingSection ctx={ctx} code={code} status={status} rating={rating} values={values} errors={errors} /> : <p>Hồ sơ chưa kết thúc nên chưa thể đánh giá. Quý khách sẽ được mời đánh giá khi có kết quả.</p>}
    </Layout>
  );
}
