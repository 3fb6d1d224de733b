// Signing in as a person does in the browser: the sign-in page's own fields and button.
import type { Browser, Page } from 'playwright-core';

/** On the sign-in page: fills the login and the password and presses "Đăng nhập" (the page that follows is the caller's to await). */
export async function submitSignIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập, thư điện tử hoặc số điện thoại').fill(login);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/**
 * Opens the sign-in page (with `next`, where the portal sends the person afterwards), signs in,
 * and waits until the browser is on `next` (without one: on any page but the sign-in page).
 */
export async function signInInBrowser(page: Page, base: string, login: string, password: string, next?: string): Promise<void> {
  await page.goto(next === undefined ? `${base}/dang-nhap` : `${base}/dang-nhap?next=${encodeURIComponent(next)}`);
  await submitSignIn(page, login, password);
  if (next === undefined) await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
  else await page.waitForURL(`${base}${next}`);
}

/** A new browser window of its own (own cookies; JavaScript on or off), signed in and on `next`. */
export async function openSignedIn(browser: Browser, base: string, login: string, password: string, next: string, javaScriptEnabled = true): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  page.context().setDefaultTimeout(10_000);
  await signInInBrowser(page, base, login, password, next);
  return page;
}
