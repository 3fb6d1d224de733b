// Services by life event (U1), as the national portal groups them: each event is a catalog search
// people would make at that moment of their life. The home page shows the events the catalog has
// services for, with their number; the search itself (synonyms, accents) finds the services.
export interface LifeEvent {
  slug: string;
  vi: string;
  en: string;
  /** What the event's link searches for in the catalog. */
  query: string;
  /** The bundle of procedures filed together for this event (src/bundles/demo), when there is one. */
  bundle?: string;
}

export const LIFE_EVENTS: readonly LifeEvent[] = [
  { slug: 'sinh-con', vi: 'Sinh con', en: 'Having a child', query: 'khai sinh', bundle: 'khai-sinh-lien-thong' },
  { slug: 'ket-hon', vi: 'Kết hôn', en: 'Getting married', query: 'kết hôn' },
  { slug: 'nguoi-than-qua-doi', vi: 'Người thân qua đời', en: 'When someone dies', query: 'khai tử', bundle: 'khai-tu-lien-thong' },
  { slug: 'giam-ho-con-nuoi', vi: 'Giám hộ, nhận con nuôi', en: 'Guardianship and adoption', query: 'giám hộ' },
  { slug: 'xay-sua-nha', vi: 'Xây, sửa nhà', en: 'Building or altering a house', query: 'giấy phép xây dựng' },
  { slug: 'dat-dai', vi: 'Đất đai', en: 'Land', query: 'đất đai' },
  { slug: 'mo-ho-kinh-doanh', vi: 'Mở hộ kinh doanh', en: 'Starting a household business', query: 'hộ kinh doanh' },
  { slug: 'hanh-nghe-y-duoc', vi: 'Hành nghề y, dược', en: 'Practising medicine or pharmacy', query: 'chứng chỉ hành nghề' },
  { slug: 'hoc-tap-van-bang', vi: 'Học tập, văn bằng', en: 'Schooling and diplomas', query: 'văn bằng' },
  { slug: 'tro-cap', vi: 'Mất việc, cần trợ cấp', en: 'Losing a job, social allowances', query: 'trợ cấp' },
  { slug: 'ly-lich-tu-phap', vi: 'Xin lý lịch tư pháp', en: 'Criminal record certificate', query: 'lý lịch tư pháp' },
];
