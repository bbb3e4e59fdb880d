// Shared browser set-up for the e2e tests: Debian's chromium through playwright-core, and an axe-core check.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const baseUrl = process.env.GONGKAI_URL;
if (!baseUrl) throw new Error('GONGKAI_URL is not set: run tests/e2e/run.sh');

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and returns the serious and critical violations.
export async function seriousViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

// Saves a screenshot when GONGKAI_E2E_SHOTS names a folder (for looking at the pages, not for asserting).
export async function shot(page, name) {
  if (process.env.GONGKAI_E2E_SHOTS) {
    await page.screenshot({ path: `${process.env.GONGKAI_E2E_SHOTS}/${name}.png`, fullPage: true });
  }
}

// A page in a fresh browser context (its own cookies; CSP bypassed so that axe-core can be injected).
export async function newPage(browser) {
  return (await browser.newContext({ bypassCSP: true })).newPage();
}

// No serious or critical accessibility violations on `page`; then a screenshot named `${prefix}-${name}`.
export async function checkPage(page, assert, prefix, name) {
  assert.deepEqual(await seriousViolations(page), [], `accessibility violations on ${name}`);
  await shot(page, `${prefix}-${name}`);
}

// Signs `page` in to the staff workspace and checks it lands on the dashboard.
export async function staffSignIn(page, assert, login, password) {
  await page.goto(baseUrl + '/staff/login');
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  assert.equal(await page.locator('h1').innerText(), '工作台');
}

// Signs `page` out of the staff workspace.
export async function staffSignOut(page, assert) {
  await page.getByRole('button', { name: '退出登录' }).click();
  assert.ok(await page.getByText('您已安全退出').isVisible());
}
