// Browser journey through the staff workspace of the demo county: the editor signs in, drafts and submits; the
// reviewer signs in, approves and publishes; the item is on the portal (and in search once the indexer has run);
// the reviewer withdraws it and the portal shows the banner. axe-core checks every staff page on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, newPage, checkPage } from './browser.mjs';

let browser;
let page;
const title = `关于做好寒假安全工作的通知（e2e ${Date.now()}）`;
let itemUrl = '';

before(async () => {
  browser = await launch();
  page = await newPage(browser);
});
after(async () => { await browser?.close(); });

const checked = (name) => checkPage(page, assert, 'staff', name);

async function signIn(login, password) {
  await page.goto(baseUrl + '/staff');
  assert.match(page.url(), /\/staff\/login\?next=/);
  await checked('login');
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  assert.equal(await page.locator('h1').innerText(), '工作台');
}

async function signOut() {
  await page.getByRole('button', { name: '退出登录' }).click();
  assert.ok(await page.getByText('您已安全退出').isVisible());
}

test('a wrong password gets the generic message', async () => {
  await page.goto(baseUrl + '/staff/login');
  await page.getByLabel('登录名').fill('jyj.editor');
  await page.getByLabel('密码').fill('Not-The-Passw0rd');
  await page.getByRole('button', { name: '登录' }).click();
  assert.ok(await page.getByText('登录名或密码错误').isVisible());
  await checked('login-error');
});

test('the editor drafts an item and submits it for review', async () => {
  await signIn('jyj.editor', 'Shili-Jyj-Bianji1');
  await checked('dashboard');
  await page.getByRole('link', { name: '新建信息' }).first().click();
  await checked('form');
  // A form error is tied to its field and keeps what was typed.
  await page.getByLabel('标题').fill('');
  await page.getByRole('button', { name: '保存草稿' }).click();
  assert.ok(await page.getByRole('alert').isVisible());
  assert.equal(await page.getByLabel('标题').getAttribute('aria-invalid'), 'true');
  await checked('form-error');
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('栏目').fill('通知公告');
  await page.getByLabel('正文').fill('各学校：\n寒假将至，请做好安全教育工作。');
  await page.getByRole('button', { name: '保存草稿' }).click();
  assert.equal(await page.locator('h1').innerText(), title);
  itemUrl = new URL(page.url()).pathname;
  await checked('item-draft');
  await page.getByRole('button', { name: '提交审核' }).click();
  assert.ok(await page.getByText('当前状态：待审核').isVisible());
  await signOut();
});

test('the reviewer approves and publishes it; it is on the portal and in search', async () => {
  await signIn('jyj.reviewer', 'Shili-Jyj-Shenhe1');
  await page.getByRole('link', { name: title }).first().click();
  await page.getByRole('button', { name: '审核通过' }).click();
  assert.ok(await page.getByText('当前状态：已审核待发布').isVisible());
  await page.getByRole('button', { name: '发布', exact: true }).click();
  assert.ok(await page.getByText('当前状态：已发布').isVisible());
  await checked('item-published');
  const publicPath = itemUrl.replace('/staff', '');
  const response = await page.goto(baseUrl + publicPath);
  assert.equal(response.status(), 200);
  assert.equal(await page.locator('h1.item-title').innerText(), title);
  // The indexer drains the outbox every 2 s.
  let found = false;
  for (let attempt = 0; attempt < 20 && !found; attempt++) {
    await page.goto(baseUrl + '/search?q=' + encodeURIComponent('寒假安全工作'));
    found = (await page.locator('ol.hits > li', { hasText: 'e2e' }).count()) > 0;
    if (!found) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.ok(found, 'the published item is found by search');
});

test('the reviewer withdraws it: the page stays with a banner', async () => {
  await page.goto(baseUrl + itemUrl);
  await page.getByLabel('撤回的理由').fill('通知内容需要更正');
  await page.getByRole('button', { name: '撤回', exact: true }).click();
  assert.ok(await page.getByText('当前状态：已撤回').isVisible());
  assert.ok(await page.getByRole('cell', { name: '通知内容需要更正' }).isVisible());
  await page.getByRole('link', { name: '信息管理' }).click();
  await checked('items');
  await page.goto(baseUrl + itemUrl.replace('/staff', ''));
  assert.ok(await page.getByText('本信息已撤回').isVisible());
  await page.goto(baseUrl + itemUrl);
  await signOut();
});

test('staff pages work without JavaScript and need a session', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await context.newPage();
  await noJs.goto(baseUrl + '/staff/items');
  assert.match(noJs.url(), /\/staff\/login/);
  await noJs.getByLabel('登录名').fill('county.office');
  await noJs.getByLabel('密码').fill('Shili-Gkb-Gongkai1');
  await noJs.getByRole('button', { name: '登录' }).click();
  assert.match(noJs.url(), /\/staff\/items$/);
  assert.equal(await noJs.locator('h1').innerText(), '信息管理');
  await context.close();
});
