// Browser journeys on the demo county's portal: home → column → item, the policy library, display modes, and an
// accessibility check (axe-core, no serious or critical violations) on every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, seriousViolations, shot } from './browser.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  // axe-core is injected as an inline script, which the site's CSP (rightly) forbids: bypass it for the checker.
  const context = await browser.newContext({ bypassCSP: true });
  page = await context.newPage();
});
after(async () => { await browser?.close(); });

async function visit(path) {
  const response = await page.goto(baseUrl + path);
  assert.equal(response.status(), 200, `GET ${path}`);
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], `accessibility violations on ${path}`);
}

test('home page shows the county, its news and its bodies', async () => {
  await visit('/');
  await shot(page, 'home');
  assert.match(await page.title(), /示例县人民政府/);
  assert.ok(await page.getByRole('heading', { name: '政务要闻' }).isVisible());
  assert.ok(await page.getByRole('link', { name: '示例县教育局' }).isVisible());
});

test('navigate from home to a column and page through it, then open an item', async () => {
  await visit('/');
  await page.getByRole('link', { name: /更多\s*通知公告/ }).click();
  assert.equal(await page.locator('h1').innerText(), '通知公告');
  await page.getByRole('link', { name: '下一页' }).click();
  assert.match(page.url(), /page=2/);
  assert.deepEqual(await seriousViolations(page), []);
  await shot(page, 'column');
  const first = page.locator('.item-list a').first();
  const title = await first.innerText();
  await first.click();
  assert.equal(await page.locator('h1.item-title').innerText(), title);
  for (const label of ['索引号', '发布机构', '发布日期']) {
    assert.ok(await page.getByRole('rowheader', { name: label }).count() > 0, label);
  }
  assert.deepEqual(await seriousViolations(page), []);
  await shot(page, 'item');
});

test('policy library filters by validity and shows the repeal banner on a repealed document', async () => {
  await visit('/policies');
  await page.getByLabel('有效性').selectOption('废止');
  await page.getByRole('button', { name: '查询' }).click();
  assert.match(page.url(), /validity=/);
  const rows = page.locator('table.data tbody tr');
  assert.ok(await rows.count() > 0);
  await rows.first().locator('a').click();
  assert.ok(await page.getByText('本文件已废止').isVisible());
  assert.deepEqual(await seriousViolations(page), []);
  await shot(page, 'repealed');
});

test('the government information disclosure column has its four standard sub-columns', async () => {
  await visit('/bodies/demo-county/xxgk');
  for (const name of ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报']) {
    assert.ok(await page.locator('.xxgk-entries').getByText(name).isVisible(), name);
  }
  await visit('/catalog');
});

test('large-type and high-contrast modes work without JavaScript and pass the checks', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await context.newPage();
  await noJs.goto(baseUrl + '/');
  await noJs.getByRole('link', { name: '大字版' }).click();
  assert.equal(await noJs.locator('html').getAttribute('class'), 'large');
  await noJs.getByRole('link', { name: '高对比度' }).click();
  assert.match(await noJs.locator('html').getAttribute('class'), /contrast/);
  await context.close();
  await page.goto(baseUrl + '/prefs/display?mode=contrast&back=/');
  assert.deepEqual(await seriousViolations(page), []);
  await shot(page, 'contrast');
  await page.goto(baseUrl + '/prefs/display?mode=normal&back=/');
});

test('keyboard: the skip link is the first stop and moves focus to the content', async () => {
  await page.goto(baseUrl + '/');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '跳到主要内容');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
});

test('a missing page answers 404 with a helpful page', async () => {
  const response = await page.goto(baseUrl + '/no/such/page');
  assert.equal(response.status(), 404);
  assert.ok(await page.getByRole('link', { name: '返回首页' }).isVisible());
  assert.deepEqual(await seriousViolations(page), []);
});

test('search finds a two-character word and a document number in another bracket form', async () => {
  await visit('/');
  await page.getByLabel('站内搜索').fill('公开');
  await page.getByRole('button', { name: '搜索' }).click();
  assert.match(page.url(), /\/search\?q=/);
  const hits = page.locator('ol.hits > li');
  assert.ok(await hits.count() > 0, 'hits for 公开');
  assert.ok(await page.locator('ol.hits mark').count() > 0, 'highlighted matches');
  assert.deepEqual(await seriousViolations(page), []);
  await shot(page, 'search');
  // The demo's normative documents are numbered 示政规〔2020〕N号; search with square brackets and without 号.
  await page.goto(baseUrl + '/search?q=' + encodeURIComponent('示政规[2020]3'));
  const first = page.locator('ol.hits > li').first();
  assert.match(await first.innerText(), /示政规〔2020〕3号/);
  await page.goto(baseUrl + '/search?q=' + encodeURIComponent('隐私'));
  assert.ok(await page.locator('ol.hits mark').first().isVisible(), 'hits for 隐私');
  // A count the index knows exactly is shown without 约 (about).
  assert.match(await page.locator('p.result-count').innerText(), /^找到 \d+ 条结果$/);
  await page.goto(baseUrl + '/search?q=' + encodeURIComponent('没有这个词语的检索xyzzy'));
  assert.ok(await page.getByText('没有找到').isVisible());
});
