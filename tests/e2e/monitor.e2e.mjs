// Browser journey through the supervision desk (/staff/monitor) of the demo county: the county office filters the
// findings, opens the 2020 circulars and one of them, the sites and columns, the new-media accounts (龙潭乡's silent
// account marked), the weekly circular as HTML, and the 2020 assessment board; the education bureau's editor sees
// only its own circulars and no supervision pages. axe-core checks every page (the pages use no JavaScript).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, newPage, checkPage, staffSignIn } from './browser.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = await newPage(browser);
});
after(async () => { await browser?.close(); });

const checked = (name) => checkPage(page, assert, 'monitor', name);

const signIn = (login, password) => staffSignIn(page, assert, login, password);

async function signOut() {
  await page.getByRole('button', { name: '退出登录' }).click();
}

test('the county office supervises sites, accounts, circulars and the assessment', async () => {
  await signIn('county.office', 'Shili-Gkb-Gongkai1');
  await page.getByRole('link', { name: '网站监测' }).click();
  assert.equal(await page.locator('h1').innerText(), '网站和政务新媒体监测');
  await checked('findings');
  await page.getByLabel('整改状态').selectOption('all');
  await page.getByRole('button', { name: '筛选' }).click();
  assert.match(page.url(), /status=all/);
  assert.ok(await page.locator('table.data tbody tr').count() > 0, 'the 2020 findings are listed');
  await checked('findings-all');

  await page.getByRole('link', { name: '整改通报', exact: true }).click();
  assert.match(await page.getByRole('status').innerText(), /共 42 份通报/);
  await checked('circulars');
  await page.locator('table.data tbody a').first().click();
  assert.match(await page.locator('h1').innerText(), /^监测通报〔2020〕\d+号$/);
  assert.ok(await page.getByText('已办结').first().isVisible());
  await checked('circular');

  await page.getByRole('link', { name: '监测网站和栏目' }).click();
  assert.ok(await page.getByRole('heading', { name: /demo-portal/ }).isVisible());
  assert.ok(await page.getByText(/村务公开/).first().isVisible());
  await checked('sites');
  // Bad input: a home address that is not http(s) is refused in Chinese and nothing is added.
  await page.getByLabel('网站代码').fill('e2e-bad');
  await page.getByLabel('网站名称').fill('测试网站');
  await page.getByLabel('首页地址').fill('ftp://example.gov.cn/');
  await page.getByRole('button', { name: '登记网站' }).click();
  assert.match(await page.getByRole('alert').innerText(), /首页地址须以 http/);
  assert.equal(await page.getByRole('heading', { name: /e2e-bad/ }).count(), 0);

  await page.getByRole('link', { name: '政务新媒体' }).first().click();
  const longtan = page.locator('table.data tbody tr', { hasText: '示例县龙潭乡人民政府' }).filter({ hasText: '政务微信' });
  assert.match(await longtan.innerText(), /超过2周未更新/);
  await checked('accounts');
  await longtan.getByRole('link').click();
  assert.ok(await page.getByRole('heading', { name: /更新记录/ }).isVisible());
  await checked('account');

  await page.goto(baseUrl + '/staff/monitor/weekly');
  await page.getByLabel('周次', { exact: true }).fill('2026-W47');
  await page.getByRole('button', { name: '生成通报' }).click();
  assert.match(await page.content(), /一周/);

  await page.goto(baseUrl + '/staff/monitor/assessment?year=2020');
  assert.match(await page.getByRole('status').innerText(), /全年下发整改通报 42 份/);
  assert.ok(await page.locator('table.data').first().locator('tbody tr').count() >= 36);
  await checked('assessment');
  await signOut();
});

test('a unit editor sees only its own circulars and no supervision pages', async () => {
  page = await newPage(browser);
  await signIn('jyj.editor', 'Shili-Jyj-Bianji1');
  await page.goto(baseUrl + '/staff/monitor/circulars');
  const units = await page.locator('table.data tbody tr td:nth-child(2)').allInnerTexts();
  assert.ok(units.every((u) => u === '示例县教育局'), `only the bureau's circulars: ${units.join(',')}`);
  await checked('unit-circulars');
  const sites = await page.goto(baseUrl + '/staff/monitor/sites');
  assert.equal(sites.status(), 403);
  const board = await page.goto(baseUrl + '/staff/monitor/assessment');
  assert.equal(board.status(), 403);
  await signOut();
});
