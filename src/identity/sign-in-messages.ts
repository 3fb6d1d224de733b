// The words of the one-time sign-in code's pages, per locale (S1, ASVS 2.2.1); its refusals are
// problem codes (problems.ts).
import type { Locale } from '../web/i18n.ts';
import { CODE_MINUTES } from './sign-in-code.ts';

const vi = {
  codeLabel: 'Mã đăng nhập một lần (6 chữ số)',
  codeHint: `Mã trong thư điện tử (hoặc tin nhắn) vừa gửi, dùng được một lần trong ${CODE_MINUTES} phút.`,
  codeAsk: 'Nhận mã đăng nhập một lần qua thư điện tử',
  codeTitle: 'Nhận mã đăng nhập một lần',
  codeIntro: `Khi tài khoản đang bị người khác thử mật khẩu, đăng nhập từ thiết bị mới bị làm chậm. Nhập tên đăng nhập, chúng tôi gửi một mã gồm 6 chữ số tới thư điện tử (và số điện thoại, nếu có) của tài khoản; nhập mã cùng mật khẩu để đăng nhập ngay. Mã dùng được một lần trong ${CODE_MINUTES} phút.`,
  codeSend: 'Gửi mã',
  codeSent: `Nếu tài khoản có địa chỉ thư điện tử (hoặc số điện thoại), chúng tôi vừa gửi một mã gồm 6 chữ số, dùng được một lần trong ${CODE_MINUTES} phút. Nhập mã cùng mật khẩu để đăng nhập.`,
  providerLead: 'Đăng nhập bằng {name}',
  providerIntro: 'Công dân đăng nhập bằng tài khoản định danh điện tử: lần đầu đăng nhập, tài khoản trên cổng được tạo từ thông tin đã xác thực, hoặc được liên kết với tài khoản hiện có cùng số định danh cá nhân.',
  passwordHeading: 'Đăng nhập bằng tên đăng nhập và mật khẩu',
  passwordForStaff: 'Dành cho cán bộ, và cho người đã có tài khoản với mật khẩu.',
  passwordNoSignup: 'Dành cho cán bộ, và cho người đã có tài khoản với mật khẩu. Cổng không nhận đăng ký tài khoản mới bằng mật khẩu.',
};

const en: typeof vi = {
  codeLabel: 'One-time sign-in code (6 digits)',
  codeHint: `The code in the email (or text message) just sent, valid once for ${CODE_MINUTES} minutes.`,
  codeAsk: 'Get a one-time sign-in code by email',
  codeTitle: 'Get a one-time sign-in code',
  codeIntro: `While someone is trying passwords on an account, sign-ins from new devices are slowed. Enter your username and we send a 6-digit code to the account's email address (and phone, if any); enter it with your password to sign in at once. The code is valid once for ${CODE_MINUTES} minutes.`,
  codeSend: 'Send the code',
  codeSent: `If the account has an email address (or phone number), we have just sent a 6-digit code, valid once for ${CODE_MINUTES} minutes. Enter it with your password to sign in.`,
  providerLead: 'Sign in with {name}',
  providerIntro: 'Citizens sign in with their electronic identity account: the first sign-in makes the portal account from the verified details, or links the existing account with the same personal identification number.',
  passwordHeading: 'Sign in with username and password',
  passwordForStaff: 'For staff, and for people who already have an account with a password.',
  passwordNoSignup: 'For staff, and for people who already have an account with a password. The portal does not take new registrations with a password.',
};

export type SignInMessage = keyof typeof vi;

export function signInText(locale: Locale): (key: SignInMessage, params?: Record<string, string>) => string {
  const table = locale === 'en' ? en : vi;
  return (key, params) => (params ? table[key].replace(/\{(\w+)\}/g, (place, name: string) => params[name] ?? place) : table[key]);
}

/**
 * A provider's name as it reads inside a Vietnamese sentence: "Tài khoản định danh điện tử (VNeID)"
 * becomes "tài khoản định danh điện tử (VNeID)"; a name that starts with an acronym ("VNeID") is
 * kept, and so is any name in an English sentence (it reads as a title there).
 */
export function inSentence(name: string, locale: Locale = 'vi'): string {
  if (locale !== 'vi') return name;
  const [first = '', second = ''] = [...name];
  return second && second === second.toLowerCase() && second !== second.toUpperCase() ? first.toLowerCase() + name.slice(first.length) : name;
}
