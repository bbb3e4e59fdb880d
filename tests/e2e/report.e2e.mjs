// Browser journey through the annual report pages of the demo county (/staff/reports): the education bureau's
// editor opens its 2020 report, follows a figure to the records it counts, writes section 五, drafts and submits a
// version; the county disclosure office sees it on its dashboard and on the deadline board, approves and publishes
// it, and the report is an item on the portal. axe-core checks every page on the way; no JavaScript is needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, newPage, checkPage, staffSignIn } from './browser.mjs';

let browser;
let page;

// Each journey in its own browser context (its own cookies). The pages have no scripts; JavaScript stays on
// only for axe-core.
async function freshPage() {
  page = await newPage(browser);
}

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const checked = (name) => checkPage(page, assert, 'report', name);

const signIn = (login, password) => staffSignIn(page, assert, login, password);

test('the editor follows a figure, writes section 五 and submits a version', async () => {
  await freshPage();
  await signIn('jyj.editor', 'Shili-Jyj-Bianji1');
  await page.getByRole('link', { name: '年度报告', exact: true }).first().click();
  await checked('index');
  await page.goto(baseUrl + '/staff/reports?body=demo-jyj&year=2020');
  assert.match(await page.locator('h1').innerText(), /示例县教育局2020年政府信息公开工作年度报告/);
  await checked('page');
  // Every figure of table 三 is a link to its records; the 总计 of 一、新收 lists as many records as it says.
  const link = page.locator('#table3 a[href*="row=new"][href*="column=total"]');
  const figure = Number(await link.innerText());
  await link.click();
  assert.match(await page.locator('[role=status]').innerText(), new RegExp(`共 ${figure} 条记录，合计 ${figure}`));
  await checked('cell');
  await page.goBack();
  await page.getByLabel('五、存在的主要问题及改进情况').fill('一是主动公开的深度还不够；二是依申请公开答复的规范性有待提高。下一步将加强培训。');
  await page.getByRole('button', { name: /保存五、/ }).click();
  assert.match(await page.locator('[role=status]').first().innerText(), /已保存/);
  await page.getByRole('button', { name: '生成新版本' }).click();
  await page.getByRole('button', { name: '报送审核' }).first().click();
  assert.ok(await page.getByText('已报送待审核').first().isVisible());
  // The editor has no approve button: the county office decides.
  assert.equal(await page.getByRole('button', { name: '审核通过' }).count(), 0);
});

test('the county office approves and publishes from the board', async () => {
  await freshPage();
  await signIn('county.office', 'Shili-Gkb-Gongkai1');
  assert.ok(await page.getByText('等待您审核').first().isVisible());
  await page.goto(baseUrl + '/staff/reports/board?body=demo-county&year=2020');
  await checked('board');
  await page.getByRole('link', { name: '示例县教育局', exact: true }).click();
  // The demo's 2020 report of the bureau has warnings only (figures other systems hold), so it can be approved.
  await page.getByRole('button', { name: '审核通过' }).first().click();
  assert.ok(await page.getByText('已审核通过').first().isVisible());
  await page.getByRole('button', { name: '发布到政府信息公开年报栏目' }).first().click();
  await page.getByRole('link', { name: '查看已发布的报告' }).first().click();
  assert.match(await page.locator('h1').first().innerText(), /示例县教育局2020年政府信息公开工作年度报告/);
  assert.ok(await page.locator('table').first().isVisible());
  await page.goto(baseUrl + '/staff/reports/compare?body=demo-county&years=2019-2020');
  await checked('compare');
});
