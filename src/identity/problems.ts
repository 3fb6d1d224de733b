// The sentences and HTTP statuses of the identity module's problems, per locale (S1, U5):
// registration, the profile, passwords, sign-in and its one-time codes, the second factor and the
// administrators' staff page. Rules and stores answer with these codes; routes explain them.
import { timeVi } from '../web/format.ts';
import { explain, type Problem, type ProblemTable } from '../web/problem.ts';
import type { Locale } from '../web/i18n.ts';
import { cccdCheck, emailCheck, passwordCheck, phoneCheck, taxCodeCheck, usernameCheck } from './model.ts';

export type IdentityProblem =
  | 'FULL_NAME_MISSING'
  | 'FULL_NAME_TOO_LONG'
  | 'USERNAME_FORMAT'
  | 'USERNAME_NO_LETTER'
  | 'USERNAME_TAKEN'
  | 'PASSWORD_TOO_SHORT'
  | 'PASSWORD_TOO_LONG'
  | 'PASSWORD_ONE_KIND'
  | 'PASSWORD_HAS_USERNAME'
  | 'PASSWORD_MISSING'
  | 'PASSWORD_WRONG'
  | 'CURRENT_PASSWORD_MISSING'
  | 'CURRENT_PASSWORD_WRONG'
  | 'EMAIL_INVALID'
  | 'PHONE_INVALID'
  | 'DATE_OF_BIRTH_INVALID'
  | 'CCCD_FORMAT'
  | 'CCCD_PROVINCE'
  | 'CCCD_YEAR'
  | 'TAX_CODE_MISSING'
  | 'TAX_CODE_FORMAT'
  | 'TAX_CODE_CHECK'
  | 'REPRESENTATIVE_MISSING'
  | 'EMAIL_HELD'
  | 'PHONE_HELD'
  | 'ID_NUMBER_HELD'
  | 'CONSENT_REQUIRED'
  | 'CONSENT_REQUIRED_API'
  | 'CHECK_CONTACT'
  | 'REGISTER_TOO_MANY'
  | 'PROFILE_HELD_TOO_MANY'
  | 'TOKEN_NAME_MISSING'
  | 'TOKEN_DAYS'
  | 'ROLE_NOT_STAFF'
  | 'AGENCY_OUT_OF_SCOPE'
  | 'ACCOUNT_OUT_OF_SCOPE'
  | 'INVALID_CREDENTIALS'
  | 'SIGN_IN_SOURCE_WAIT'
  | 'SIGN_IN_ACCOUNT_WAIT'
  | 'SIGN_IN_CODE_FORMAT'
  | 'SIGN_IN_CODE_WRONG'
  | 'SIGN_IN_CODE_TOO_MANY'
  | 'SIGN_IN_CODE_LOGIN_MISSING'
  | 'TOTP_MISSING'
  | 'TOTP_WRONG'
  | 'TOTP_TOO_MANY'
  | 'TOTP_LOCKED'
  | 'TOTP_SETUP_MISSING'
  | 'TOTP_SETUP_WRONG'
  | 'TOTP_ENROLMENT_REQUIRED'
  | 'TOTP_REQUIRED'
  | 'TOTP_INVALID'
  | 'OIDC_UNAVAILABLE'
  | 'OIDC_EXPIRED'
  | 'OIDC_REFUSED'
  | 'OIDC_UNCHECKED'
  | 'OIDC_CONSENT_REQUIRED'
  | 'OIDC_NOT_CREATED'
  | 'GATE_ADMIN'
  | 'GATE_AGENCY_ADMIN'
  | 'GATE_STAFF'
  | 'GATE_OFFICER'
  | 'GATE_MANAGER'
  | 'API_UNAUTHENTICATED'
  | 'SIGNUP_CLOSED'
  | 'SIGNUP_CLOSED_PROVIDER'
  | 'OIDC_STAFF_ID_NUMBER'
  | 'MERGE_ACCOUNT_MISSING'
  | 'MERGE_SAME'
  | 'MERGE_ROLES'
  | 'MERGE_ID_NUMBERS_DIFFER'
  | 'MERGE_REASON_MISSING'
  | 'MERGE_DISABLED';

const n = (p: Record<string, string | number>) => Number(p.n ?? 0);
const until = (p: Record<string, string | number>) => timeVi(new Date(String(p.until)));

export const IDENTITY_PROBLEMS: ProblemTable<IdentityProblem> = {
  status: {
    FULL_NAME_MISSING: 400,
    FULL_NAME_TOO_LONG: 400,
    USERNAME_FORMAT: 400,
    USERNAME_NO_LETTER: 400,
    USERNAME_TAKEN: 409,
    PASSWORD_TOO_SHORT: 400,
    PASSWORD_TOO_LONG: 400,
    PASSWORD_ONE_KIND: 400,
    PASSWORD_HAS_USERNAME: 400,
    PASSWORD_MISSING: 400,
    PASSWORD_WRONG: 400,
    CURRENT_PASSWORD_MISSING: 400,
    CURRENT_PASSWORD_WRONG: 400,
    EMAIL_INVALID: 400,
    PHONE_INVALID: 400,
    DATE_OF_BIRTH_INVALID: 400,
    CCCD_FORMAT: 400,
    CCCD_PROVINCE: 400,
    CCCD_YEAR: 400,
    TAX_CODE_MISSING: 400,
    TAX_CODE_FORMAT: 400,
    TAX_CODE_CHECK: 400,
    REPRESENTATIVE_MISSING: 400,
    EMAIL_HELD: 409,
    PHONE_HELD: 409,
    ID_NUMBER_HELD: 409,
    CONSENT_REQUIRED: 400,
    CONSENT_REQUIRED_API: 400,
    CHECK_CONTACT: 202,
    REGISTER_TOO_MANY: 429,
    PROFILE_HELD_TOO_MANY: 429,
    TOKEN_NAME_MISSING: 400,
    TOKEN_DAYS: 400,
    ROLE_NOT_STAFF: 400,
    AGENCY_OUT_OF_SCOPE: 400,
    ACCOUNT_OUT_OF_SCOPE: 400,
    INVALID_CREDENTIALS: 401,
    SIGN_IN_SOURCE_WAIT: 429,
    SIGN_IN_ACCOUNT_WAIT: 429,
    SIGN_IN_CODE_FORMAT: 400,
    SIGN_IN_CODE_WRONG: 401,
    SIGN_IN_CODE_TOO_MANY: 429,
    SIGN_IN_CODE_LOGIN_MISSING: 400,
    TOTP_MISSING: 400,
    TOTP_WRONG: 400,
    TOTP_TOO_MANY: 429,
    TOTP_LOCKED: 429,
    TOTP_SETUP_MISSING: 400,
    TOTP_SETUP_WRONG: 400,
    TOTP_ENROLMENT_REQUIRED: 403,
    TOTP_REQUIRED: 401,
    TOTP_INVALID: 401,
    OIDC_UNAVAILABLE: 502,
    OIDC_EXPIRED: 400,
    OIDC_REFUSED: 400,
    OIDC_UNCHECKED: 400,
    OIDC_CONSENT_REQUIRED: 400,
    OIDC_NOT_CREATED: 200,
    GATE_ADMIN: 403,
    GATE_AGENCY_ADMIN: 403,
    GATE_STAFF: 403,
    GATE_OFFICER: 403,
    GATE_MANAGER: 403,
    API_UNAUTHENTICATED: 401,
    SIGNUP_CLOSED: 403,
    SIGNUP_CLOSED_PROVIDER: 403,
    OIDC_STAFF_ID_NUMBER: 403,
    MERGE_ACCOUNT_MISSING: 400,
    MERGE_SAME: 400,
    MERGE_ROLES: 400,
    MERGE_ID_NUMBERS_DIFFER: 400,
    MERGE_REASON_MISSING: 400,
    MERGE_DISABLED: 400,
  },
  vi: {
    FULL_NAME_MISSING: 'Hãy nhập họ và tên.',
    FULL_NAME_TOO_LONG: 'Họ và tên dài tối đa 100 ký tự.',
    USERNAME_FORMAT: 'Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.',
    USERNAME_NO_LETTER: 'Tên đăng nhập cần có ít nhất một chữ cái; tên chỉ gồm chữ số có thể trùng số điện thoại của người khác, nên không dùng được.',
    USERNAME_TAKEN: 'Tên đăng nhập này đã có người dùng.',
    PASSWORD_TOO_SHORT: (p) => `Mật khẩu cần ít nhất ${p.min} ký tự.`,
    PASSWORD_TOO_LONG: 'Mật khẩu dài tối đa 200 ký tự.',
    PASSWORD_ONE_KIND: 'Mật khẩu cần có cả chữ và số hoặc ký tự khác.',
    PASSWORD_HAS_USERNAME: 'Mật khẩu không được chứa tên đăng nhập.',
    PASSWORD_MISSING: 'Hãy nhập mật khẩu.',
    PASSWORD_WRONG: 'Mật khẩu không đúng.',
    CURRENT_PASSWORD_MISSING: 'Hãy nhập mật khẩu hiện tại.',
    CURRENT_PASSWORD_WRONG: 'Mật khẩu hiện tại không đúng.',
    EMAIL_INVALID: 'Địa chỉ thư điện tử không hợp lệ.',
    PHONE_INVALID: 'Số điện thoại di động không hợp lệ (ví dụ 0912345678).',
    DATE_OF_BIRTH_INVALID: 'Ngày sinh không hợp lệ; viết theo dạng ngày/tháng/năm, ví dụ 20/05/1990.',
    CCCD_FORMAT: 'Số CCCD phải gồm đúng 12 chữ số.',
    CCCD_PROVINCE: (p) => `Số CCCD bắt đầu bằng mã tỉnh "${p.province}" không tồn tại.`,
    CCCD_YEAR: (p) => `Số CCCD cho năm sinh ${p.year}, khác với ngày sinh đã khai.`,
    TAX_CODE_MISSING: 'Tổ chức, doanh nghiệp cần mã số thuế.',
    TAX_CODE_FORMAT: 'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (đơn vị phụ thuộc).',
    TAX_CODE_CHECK: 'Mã số thuế không đúng (chữ số kiểm tra không khớp).',
    REPRESENTATIVE_MISSING: 'Hãy nhập tên người đại diện theo pháp luật.',
    EMAIL_HELD: 'Địa chỉ thư điện tử này đã gắn với một tài khoản khác.',
    PHONE_HELD: 'Số điện thoại này đã gắn với một tài khoản khác.',
    ID_NUMBER_HELD: 'Số CCCD này đã gắn với một tài khoản khác.',
    CONSENT_REQUIRED: 'Hãy đánh dấu ô đồng ý xử lý dữ liệu cá nhân; không có sự đồng ý, tài khoản không được tạo và thông tin bạn nhập không được lưu.',
    CONSENT_REQUIRED_API: (p) => `Cần "consent": true — người đăng ký đã đọc thông báo bảo vệ dữ liệu cá nhân (${p.page}) và đồng ý; không có sự đồng ý, tài khoản không được tạo.`,
    CHECK_CONTACT:
      'Chưa tạo tài khoản với thông tin này. Nếu thư điện tử, số điện thoại hoặc số CCCD đã gắn với một tài khoản, chủ tài khoản vừa nhận được thông báo; nếu đó là bạn, hãy đăng nhập hoặc dùng Quên mật khẩu.',
    REGISTER_TOO_MANY: (p) => `Quá nhiều yêu cầu đăng ký từ mạng này; hãy thử lại sau ${p.minutes} phút. Không có gì được lưu.`,
    PROFILE_HELD_TOO_MANY: (p) => `Bạn đã nhập thông tin trùng với tài khoản khác quá nhiều lần. Không có gì thay đổi; vui lòng thử lại sau ${p.hours} giờ hoặc liên hệ cơ quan quản lý cổng.`,
    TOKEN_NAME_MISSING: 'Hãy đặt tên gợi nhớ cho mã.',
    TOKEN_DAYS: 'Thời hạn phải là 30, 90 hoặc 365 ngày.',
    ROLE_NOT_STAFF: 'Hãy chọn vai trò cán bộ, quản trị hoặc lãnh đạo.',
    AGENCY_OUT_OF_SCOPE: 'Cơ quan này không thuộc phạm vi bạn quản trị.',
    ACCOUNT_OUT_OF_SCOPE: 'Không có tài khoản này trong phạm vi bạn quản trị.',
    INVALID_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    SIGN_IN_SOURCE_WAIT: (p) => `Đăng nhập sai nhiều lần từ địa chỉ này; vui lòng thử lại sau ${n(p)} giây.`,
    SIGN_IN_ACCOUNT_WAIT: (p) =>
      `Tài khoản này đang bị thử mật khẩu sai nhiều lần, nên đăng nhập từ thiết bị chưa từng dùng tạm thời bị làm chậm; vui lòng thử lại sau ${n(p)} giây, hoặc nhận mã đăng nhập một lần qua thư điện tử.`,
    SIGN_IN_CODE_FORMAT: 'Mã đăng nhập gồm đúng 6 chữ số.',
    SIGN_IN_CODE_WRONG: 'Mã đăng nhập không đúng, đã hết hạn hoặc đã được dùng. Hãy nhận mã mới.',
    SIGN_IN_CODE_TOO_MANY: (p) => `Đã yêu cầu quá nhiều mã từ địa chỉ này; vui lòng thử lại sau ${n(p)} giây.`,
    SIGN_IN_CODE_LOGIN_MISSING: 'Hãy nhập tên đăng nhập, thư điện tử hoặc số điện thoại.',
    TOTP_MISSING: 'Hãy nhập mã xác thực.',
    TOTP_WRONG: (p) =>
      `Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã đang hiện trong ứng dụng (mỗi mã chỉ dùng một lần) hoặc một mã khôi phục chưa dùng.${p.left ? ` Còn ${p.left} lần thử.` : ''}`,
    TOTP_TOO_MANY: 'Đã nhập sai mã xác thực 5 lần. Vì an toàn, hãy đăng nhập lại từ đầu bằng mật khẩu.',
    TOTP_LOCKED: (p) => `Nhập sai mã xác thực quá nhiều lần; hãy thử lại sau ${until(p)}.`,
    TOTP_SETUP_MISSING: 'Hãy nhập mã 6 chữ số trong ứng dụng.',
    TOTP_SETUP_WRONG: 'Mã không đúng. Kiểm tra giờ trên điện thoại là giờ tự động, rồi nhập mã đang hiện trong ứng dụng.',
    TOTP_ENROLMENT_REQUIRED: 'Tài khoản cán bộ phải bật xác thực hai bước trước khi lấy mã truy cập: hãy đăng nhập trên trang web của cổng và làm theo hướng dẫn.',
    TOTP_REQUIRED: 'Tài khoản này bật xác thực hai bước: gửi thêm trường "totp" là mã 6 chữ số trong ứng dụng xác thực (hoặc một mã khôi phục).',
    TOTP_INVALID: 'Mã xác thực (totp) không đúng hoặc đã được dùng; mỗi mã chỉ dùng một lần.',
    OIDC_UNAVAILABLE: (p) => `Hệ thống chưa kết nối được với ${p.name}. Không có gì bị thay đổi. Hãy thử lại sau ít phút, hoặc đăng nhập bằng tên đăng nhập và mật khẩu.`,
    OIDC_EXPIRED: 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ (quá 10 phút, đã dùng rồi, hoặc mở từ trình duyệt khác). Không có gì bị thay đổi. Hãy đăng nhập lại.',
    OIDC_REFUSED: (p) => `Đăng nhập bằng ${p.name} đã bị hủy hoặc không được chấp thuận. Không có gì bị thay đổi. Bạn có thể thử lại hoặc đăng nhập bằng tên đăng nhập và mật khẩu.`,
    OIDC_UNCHECKED: (p) => `Thông tin ${p.name} gửi về không qua được bước kiểm tra, nên bạn chưa được đăng nhập. Không có gì bị thay đổi. Hãy thử lại.`,
    OIDC_CONSENT_REQUIRED: 'Hãy đánh dấu ô đồng ý xử lý dữ liệu cá nhân để tạo tài khoản, hoặc chọn "Không đồng ý" để dừng lại; không có sự đồng ý, tài khoản không được tạo.',
    OIDC_NOT_CREATED: (p) =>
      `Bạn chưa đồng ý cho cổng xử lý dữ liệu cá nhân, nên tài khoản không được tạo và cổng không lưu thông tin nào nhận từ ${p.name}. Bạn vẫn xem được thông tin thủ tục và tra cứu hồ sơ không cần đăng nhập; để nộp hồ sơ trực tuyến, hãy đăng nhập lại và đồng ý, hoặc đăng ký tài khoản.`,
    GATE_ADMIN: 'Trang này chỉ dành cho quản trị viên.',
    GATE_AGENCY_ADMIN: 'Trang này chỉ dành cho quản trị viên của cơ quan.',
    GATE_STAFF: 'Trang này dành cho cán bộ và quản trị viên.',
    GATE_OFFICER: 'Trang này dành cho cán bộ tiếp nhận hồ sơ.',
    GATE_MANAGER: 'Trang thống kê dành cho lãnh đạo và quản trị viên.',
    API_UNAUTHENTICATED: 'Cần đăng nhập (cookie phiên hoặc Authorization: Bearer).',
    SIGNUP_CLOSED: 'Cổng này không nhận đăng ký tài khoản công dân bằng mật khẩu. Không có gì được lưu. Hãy liên hệ cơ quan quản lý cổng để được hướng dẫn.',
    SIGNUP_CLOSED_PROVIDER: (p) =>
      `Cổng này không nhận đăng ký tài khoản công dân bằng mật khẩu. Không có gì được lưu. Hãy đăng nhập bằng ${p.name}: lần đầu đăng nhập, tài khoản được tạo từ thông tin đã xác thực (hoặc liên kết với tài khoản có cùng số định danh cá nhân).`,
    OIDC_STAFF_ID_NUMBER: (p) =>
      `Số định danh cá nhân mà ${p.name} xác nhận đang gắn với một tài khoản cán bộ, nên không thể đăng nhập hay tạo tài khoản công dân bằng số này. Không có gì bị thay đổi. Cán bộ đăng nhập bằng tên đăng nhập và mật khẩu; nếu đây là nhầm lẫn, hãy liên hệ quản trị viên.`,
    MERGE_ACCOUNT_MISSING: 'Không có tài khoản nào với tên đăng nhập này trong phạm vi bạn quản trị.',
    MERGE_SAME: 'Hãy chọn hai tài khoản khác nhau.',
    MERGE_ROLES: 'Chỉ gộp được hai tài khoản cùng vai trò (hai tài khoản công dân, hoặc hai tài khoản cán bộ cùng loại).',
    MERGE_ID_NUMBERS_DIFFER: 'Hai tài khoản có số định danh cá nhân khác nhau nên không phải của cùng một người; không gộp.',
    MERGE_REASON_MISSING: 'Hai tài khoản không có cùng số định danh cá nhân: hãy ghi lý do gộp (ví dụ: giấy tờ đã đối chiếu).',
    MERGE_DISABLED: 'Tài khoản này đã được gộp vào tài khoản khác và đã bị khóa.',
  },
  en: {
    FULL_NAME_MISSING: 'Enter your full name.',
    FULL_NAME_TOO_LONG: 'The full name may be at most 100 characters.',
    USERNAME_FORMAT: 'A username has 3–40 characters: lower-case letters without accents, digits, dots, underscores or hyphens.',
    USERNAME_NO_LETTER: 'A username needs at least one letter; a name of digits only could be someone else’s phone number, so it cannot be used.',
    USERNAME_TAKEN: 'This username is already taken.',
    PASSWORD_TOO_SHORT: (p) => `The password needs at least ${p.min} characters.`,
    PASSWORD_TOO_LONG: 'The password may be at most 200 characters.',
    PASSWORD_ONE_KIND: 'The password needs both letters and digits or other characters.',
    PASSWORD_HAS_USERNAME: 'The password must not contain the username.',
    PASSWORD_MISSING: 'Enter your password.',
    PASSWORD_WRONG: 'The password is wrong.',
    CURRENT_PASSWORD_MISSING: 'Enter your current password.',
    CURRENT_PASSWORD_WRONG: 'The current password is wrong.',
    EMAIL_INVALID: 'The email address is not valid.',
    PHONE_INVALID: 'The mobile phone number is not valid (for example 0912345678).',
    DATE_OF_BIRTH_INVALID: 'The date of birth is not valid; write it as day/month/year, for example 20/05/1990.',
    CCCD_FORMAT: 'A citizen ID (CCCD) number has exactly 12 digits.',
    CCCD_PROVINCE: (p) => `The citizen ID number begins with province code "${p.province}", which does not exist.`,
    CCCD_YEAR: (p) => `The citizen ID number gives the birth year ${p.year}, which differs from the date of birth entered.`,
    TAX_CODE_MISSING: 'An organisation or business needs a tax code.',
    TAX_CODE_FORMAT: 'A tax code has 10 digits, or 10 digits, a hyphen and 3 digits (a branch).',
    TAX_CODE_CHECK: 'The tax code is wrong (its check digit does not match).',
    REPRESENTATIVE_MISSING: 'Enter the name of the legal representative.',
    EMAIL_HELD: 'This email address belongs to another account.',
    PHONE_HELD: 'This phone number belongs to another account.',
    ID_NUMBER_HELD: 'This citizen ID number belongs to another account.',
    CONSENT_REQUIRED: 'Tick the box to agree to the processing of personal data; without consent, no account is created and nothing you entered is kept.',
    CHECK_CONTACT:
      'No account was created with these details. If the email address, phone number or citizen ID number belongs to an account, its owner has just been told; if that is you, sign in or use Forgot password.',
    REGISTER_TOO_MANY: (p) => `Too many registrations from this network; please try again in ${p.minutes} minutes. Nothing was kept.`,
    PROFILE_HELD_TOO_MANY: (p) => `You have entered details held by another account too many times. Nothing was changed; please try again in ${p.hours} hours or contact the portal's managing agency.`,
    TOKEN_NAME_MISSING: 'Give the token a name you will recognise.',
    TOKEN_DAYS: 'The validity must be 30, 90 or 365 days.',
    ROLE_NOT_STAFF: 'Choose the role officer, administrator or manager.',
    AGENCY_OUT_OF_SCOPE: 'This agency is not among those you administer.',
    ACCOUNT_OUT_OF_SCOPE: 'There is no such account among those you administer.',
    INVALID_CREDENTIALS: 'The username or password is wrong.',
    SIGN_IN_SOURCE_WAIT: (p) => `Too many failed sign-ins from this address; please try again in ${n(p)} seconds.`,
    SIGN_IN_ACCOUNT_WAIT: (p) =>
      `Many wrong passwords have been tried for this account, so sign-ins from devices never used before are slowed for now; please try again in ${n(p)} seconds, or get a one-time sign-in code by email.`,
    SIGN_IN_CODE_FORMAT: 'The sign-in code has exactly 6 digits.',
    SIGN_IN_CODE_WRONG: 'The sign-in code is wrong, has expired or was already used. Ask for a new one.',
    SIGN_IN_CODE_TOO_MANY: (p) => `Too many codes were asked for from this address; please try again in ${n(p)} seconds.`,
    SIGN_IN_CODE_LOGIN_MISSING: 'Enter your username, email or phone number.',
    TOTP_MISSING: 'Enter your verification code.',
    TOTP_WRONG: (p) =>
      `The code is wrong or has already been used. Enter the code your app shows now (each code works once) or an unused recovery code.${p.left ? ` ${p.left} ${Number(p.left) === 1 ? 'try' : 'tries'} left.` : ''}`,
    TOTP_TOO_MANY: 'The code was wrong 5 times. For your safety, sign in again with your password.',
    TOTP_LOCKED: (p) => `Too many wrong codes; try again after ${until(p).replace(' ngày ', ' on ')} (Vietnam time).`,
    TOTP_SETUP_MISSING: 'Enter the 6-digit code from the app.',
    TOTP_SETUP_WRONG: 'The code is wrong. Check that the phone sets its time automatically, then enter the code the app shows now.',
    CONSENT_REQUIRED_API: (p) => `Send "consent": true — the person registering has read the privacy notice (${p.page}) and agrees; without consent no account is created.`,
    TOTP_ENROLMENT_REQUIRED: 'A staff account must turn on two-step verification before it gets an access token: sign in on the portal’s website and follow the steps.',
    TOTP_REQUIRED: 'This account uses two-step verification: also send "totp", the 6-digit code from the authenticator app (or a recovery code).',
    TOTP_INVALID: 'The verification code (totp) is wrong or was already used; each code works once.',
    OIDC_UNAVAILABLE: (p) => `The portal could not reach ${p.name}. Nothing was changed. Try again in a few minutes, or sign in with your username and password.`,
    OIDC_EXPIRED: 'The sign-in has expired or is not valid (over 10 minutes, already used, or opened in another browser). Nothing was changed. Please sign in again.',
    OIDC_REFUSED: (p) => `Signing in with ${p.name} was cancelled or not approved. Nothing was changed. You can try again or sign in with your username and password.`,
    OIDC_UNCHECKED: (p) => `What ${p.name} sent back did not pass the portal's checks, so you are not signed in. Nothing was changed. Please try again.`,
    OIDC_CONSENT_REQUIRED: 'Tick the box to agree to the processing of personal data to create the account, or choose "I do not agree" to stop; without consent no account is created.',
    OIDC_NOT_CREATED: (p) =>
      `You did not agree to the portal processing personal data, so no account was created and nothing received from ${p.name} was kept. You can still read about procedures and look up applications without signing in; to apply online, sign in again and agree, or register an account.`,
    GATE_ADMIN: 'This page is for administrators only.',
    GATE_AGENCY_ADMIN: 'This page is only for the agency’s administrators.',
    GATE_STAFF: 'This page is for officers and administrators.',
    GATE_OFFICER: 'This page is for officers who receive applications.',
    GATE_MANAGER: 'The statistics pages are for managers and administrators.',
    API_UNAUTHENTICATED: 'You must be signed in (session cookie or Authorization: Bearer).',
    SIGNUP_CLOSED: 'This portal does not take citizens’ registrations with a password. Nothing was kept. Please contact the agency that runs the portal.',
    SIGNUP_CLOSED_PROVIDER: (p) =>
      `This portal does not take citizens’ registrations with a password. Nothing was kept. Sign in with ${p.title ?? p.name}: the first sign-in makes your account from the verified details (or links the account with the same personal identification number).`,
    OIDC_STAFF_ID_NUMBER: (p) =>
      `The personal identification number ${p.name} confirmed belongs to a staff account, so no citizen sign-in or account can use it. Nothing was changed. Staff sign in with their username and password; if this is a mistake, contact an administrator.`,
    MERGE_ACCOUNT_MISSING: 'There is no account with this username among those you administer.',
    MERGE_SAME: 'Choose two different accounts.',
    MERGE_ROLES: 'Only two accounts of the same role can be merged (two citizens’ accounts, or two staff accounts of the same kind).',
    MERGE_ID_NUMBERS_DIFFER: 'The two accounts have different personal identification numbers, so they are not one person’s; nothing was merged.',
    MERGE_REASON_MISSING: 'The two accounts do not share a personal identification number: write why they are merged (for example, the papers checked).',
    MERGE_DISABLED: 'This account was already merged into another one and is disabled.',
  },
};

/** A problem's sentence in the page's language. */
export const identityText = (problem: Problem<IdentityProblem>, locale: Locale = 'vi'): string => explain(IDENTITY_PROBLEMS, problem, locale).message;

/** Field problems as the form's error messages in the page's language. */
export const identityErrors = (problems: Partial<Record<string, Problem<IdentityProblem>>>, locale: Locale): Record<string, string> =>
  Object.fromEntries(Object.entries(problems).flatMap(([f, p]) => (p ? [[f, identityText(p, locale)]] : [])));

// The Vietnamese sentences of the input rules, for callers that show one sentence per value (the
// e-form's field kinds, the command line) rather than a page in a chosen language.
const inVietnamese = (p: Problem<IdentityProblem> | undefined) => p && identityText(p);
export const cccdProblem = (value: string, dateOfBirth?: string) => inVietnamese(cccdCheck(value, dateOfBirth));
export const usernameProblem = (value: string) => inVietnamese(usernameCheck(value));
export const passwordProblem = (password: string, username = '') => inVietnamese(passwordCheck(password, username));
export const phoneProblem = (value: string) => inVietnamese(phoneCheck(value));
export const emailProblem = (value: string) => inVietnamese(emailCheck(value));
export const taxCodeProblem = (value: string) => inVietnamese(taxCodeCheck(value));
