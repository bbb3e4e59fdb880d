// Disclosure on application in the browser: a citizen applies online with a supporting document (solving the
// form's arithmetic question), the county office sees the document, assigns the case, confirms, asks for a
// correction, records it, consults a third party, extends with approval, decides, issues the reply letter and
// records the reply; the applicant then sees the result on the tracking page. The office's statistics page and
// the dashboard's digest on the way. axe-core (no serious or critical violations) on every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, newPage, checkPage } from './browser.mjs';

let browser;
let page;
let number;
let code;

before(async () => {
  browser = await launch();
  page = await newPage(browser);
});
after(async () => { await browser?.close(); });

const checked = (name) => checkPage(page, assert, 'cases', name);

// A small, well-formed PDF (libmagic reads its header; the server checks the type against the extension).
const samplePdf = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

const digits = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
function chinese(text) {
  if (text.includes('十')) {
    const [tens, ones] = text.split('十');
    return (tens ? digits[tens] : 1) * 10 + (ones ? digits[ones] : 0);
  }
  return digits[text];
}

async function act(button, fields = {}) {
  const form = page.locator('form.action-form', { has: page.getByRole('button', { name: button, exact: true }) });
  for (const [name, value] of Object.entries(fields)) {
    const field = form.locator(`[name=${name}]`);
    if (await field.evaluate((el) => el.tagName) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await form.getByRole('button', { name: button, exact: true }).click();
  assert.match(await page.locator('p.notice').innerText(), /已记录/, `after ${button}`);
}

// Fills the form on `p` as a natural person applying to the county government for `request`.
async function fillApplication(p, name, phone, request) {
  await p.getByLabel('自然人', { exact: true }).check();
  await p.getByLabel(/姓名或名称/).fill(name);
  await p.getByLabel(/身份证明号码/).fill('11010519491231002X');
  await p.getByLabel(/联系电话/).fill(phone);
  await p.getByLabel(/申请公开的机关/).selectOption({ label: '示例县人民政府' });
  await p.getByLabel(/所需信息的名称/).fill(request);
  await p.getByLabel('电子文档').check();
  await p.getByLabel('网上获取').check();
}

// Answers the arithmetic question on `p`.
async function solveChallenge(p) {
  const question = await p.locator('label[for=f-challenge]').innerText();
  const m = question.match(/请回答：(.+?)(加|减)(.+?)等于多少？/);
  assert.ok(m, question);
  const answer = m[2] === '加' ? chinese(m[1]) + chinese(m[3]) : chinese(m[1]) - chinese(m[3]);
  await p.getByLabel(/请回答/).fill(String(answer));
}

test('a citizen applies online and is given a number and a query code', async () => {
  await page.goto(baseUrl + '/apply');
  await checked('apply');
  await fillApplication(page, '陈晓明', '0571-86000000', '2020年示例县老旧小区改造项目清单');
  // A wrong answer first: the page says so at the field and keeps what was typed.
  await page.getByLabel(/请回答/).fill('999');
  await page.getByRole('button', { name: '提交申请' }).click();
  assert.match(await page.locator('#e-challenge').innerText(), /不正确/);
  assert.equal(await page.getByLabel(/姓名或名称/).inputValue(), '陈晓明');
  await checked('apply-error');
  await solveChallenge(page);
  // The browser does not keep a chosen file across the error page: choose it now.
  await page.getByLabel('证明材料或其他附件').setInputFiles({
    name: '身份证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from(samplePdf, 'latin1'),
  });
  await page.getByRole('button', { name: '提交申请' }).click();
  assert.equal(await page.locator('h1').innerText(), '申请已提交');
  assert.match(await page.locator('main').innerText(), /附件 1 个/);
  number = await page.locator('#app-number').innerText();
  code = await page.locator('#query-code').innerText();
  assert.match(number, /^demo-county-\d{4}-\d{4}$/);
  assert.equal(code.length, 10);
  await checked('apply-done');
});

test('without JavaScript a refused file is named and the rest of the form is kept', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await context.newPage();
  await noJs.goto(baseUrl + '/apply');
  await fillApplication(noJs, '王小红', '0571-86000001', '示例县2020年财政预算执行情况');
  await solveChallenge(noJs);
  await noJs.getByLabel('证明材料或其他附件').setInputFiles({
    name: '证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ this is not a PDF', 'latin1'),
  });
  await noJs.getByRole('button', { name: '提交申请' }).click();
  assert.match(await noJs.locator('#e-attachments').innerText(), /证明\.pdf/);
  assert.equal(await noJs.getByLabel(/姓名或名称/).inputValue(), '王小红');
  assert.equal(await noJs.getByLabel(/所需信息的名称/).inputValue(), '示例县2020年财政预算执行情况');
  await context.close();
});

test('the office handles the case through to the reply letter', async () => {
  await page.goto(baseUrl + '/staff/cases/' + number);
  await page.getByLabel('登录名').fill('county.office');
  await page.getByLabel('密码').fill('Shili-Gkb-Gongkai1');
  await page.getByRole('button', { name: '登录' }).click();
  assert.equal(await page.locator('h1').innerText(), '申请 ' + number);
  assert.ok(await page.getByText('110105********002X').isVisible());
  await checked('case');
  // The applicant's document is there for staff, and the case gets its handler.
  assert.ok(await page.getByRole('link', { name: '身份证明.pdf' }).isVisible());
  assert.equal(await page.locator('#case-handler').innerText(), '未分配');
  await page.locator('#s-unit').selectOption('demo-county');
  await page.locator('#s-handler').selectOption('county.office');
  await page.getByRole('button', { name: '分配', exact: true }).click();
  assert.match(await page.locator('p.notice').innerText(), /已记录：分配承办/);
  assert.notEqual(await page.locator('#case-handler').innerText(), '未分配');
  await page.goto(baseUrl + '/staff/cases?mine=1');
  assert.ok(await page.getByRole('link', { name: number }).isVisible(), 'listed under mine');
  await checked('cases-mine');
  await page.getByRole('link', { name: number }).click();
  await act('确认收到申请');
  await act('发出补正告知书', { detail: '请写明所需清单的街道范围' });
  assert.match(await page.locator('#due-h + p, #due-h ~ p').first().innerText(), /补正/);
  await act('收到补正', { detail: '城关街道' });
  await act('征求第三方意见', { detail: '示例县城投公司' });
  await act('收到意见（或期满）', { detail: '同意公开' });
  assert.ok(await page.getByText('不计算在内的期间').isVisible());
  await act('延期答复', { detail: '政务公开办主任孙强批准', days: '10' });
  await act('作出答复决定', { outcome: 'granted', detail: '条例第三十六条第（二）项' });
  await page.getByRole('link', { name: '政府信息公开申请答复告知书' }).click();
  const body = await page.getByLabel('正文').inputValue();
  assert.match(body, /行政复议/);
  assert.match(body, /陈晓明/);
  await checked('letter-form');
  await page.getByRole('button', { name: '出具（定稿）' }).click();
  assert.match(await page.locator('p.notice').innerText(), /出具/);
  await checked('letter');
  await page.getByRole('link', { name: /返回申请/ }).click();
  await act('出具告知书');
  assert.ok(await page.getByText('已答复').first().isVisible());
  // The office's per-unit statistics of this year count the answer, and the dashboard carries the digest.
  await page.goto(baseUrl + '/staff/cases/stats');
  assert.match(await page.locator('h1').innerText(), /依申请公开统计/);
  assert.ok(await page.getByRole('rowheader', { name: '示例县人民政府', exact: true }).isVisible());
  await checked('stats');
  await page.goto(baseUrl + '/staff');
  assert.ok(await page.getByRole('heading', { name: '依申请公开日报' }).isVisible());
  await checked('dashboard');
  await page.getByRole('button', { name: '退出登录' }).click();
});

test('the applicant sees the result on the tracking page', async () => {
  await page.goto(baseUrl + '/apply/track');
  await checked('track');
  await page.getByLabel('申请编号').fill(number);
  await page.getByLabel('查询码').fill(code.toLowerCase());
  await page.getByRole('button', { name: '查询' }).click();
  assert.equal(await page.locator('#track-stage').innerText(), '已答复');
  assert.match(await page.locator('#track-outcome').innerText(), /予以公开/);
  await checked('track-result');
  await page.getByLabel('申请编号').fill(number);
  await page.getByLabel('查询码').fill('WRONGCODE2');
  await page.getByRole('button', { name: '查询' }).click();
  assert.ok(await page.getByText('申请编号或查询码不正确').isVisible());
});
