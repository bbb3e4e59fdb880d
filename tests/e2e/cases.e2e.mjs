// NOT YET RUN (kept out of run.sh's ./*.e2e.mjs glob until it has passed once): move to tests/e2e/cases.e2e.mjs and
// fix the import to ./browser.mjs after running it against a demo installation.
// Disclosure on application in the browser: a citizen applies online (solving the form's arithmetic question),
// the county office confirms, asks for a correction, records it, consults a third party, extends with approval,
// decides, issues the reply letter and records the reply; the applicant then sees the result on the tracking
// page. axe-core (no serious or critical violations) on every public page and the case page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, seriousViolations, shot } from '../browser.mjs';

let browser;
let page;
let number;
let code;

before(async () => {
  browser = await launch();
  const context = await browser.newContext({ bypassCSP: true });
  page = await context.newPage();
});
after(async () => { await browser?.close(); });

async function checked(name) {
  assert.deepEqual(await seriousViolations(page), [], `accessibility violations on ${name}`);
  await shot(page, `cases-${name}`);
}

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

test('a citizen applies online and is given a number and a query code', async () => {
  await page.goto(baseUrl + '/apply');
  await checked('apply');
  await page.getByLabel('自然人', { exact: true }).check();
  await page.getByLabel(/姓名或名称/).fill('陈晓明');
  await page.getByLabel(/身份证明号码/).fill('11010519491231002X');
  await page.getByLabel(/联系电话/).fill('0571-86000000');
  await page.getByLabel(/申请公开的机关/).selectOption({ label: '示例县人民政府' });
  await page.getByLabel(/所需信息的名称/).fill('2020年示例县老旧小区改造项目清单');
  await page.getByLabel('电子文档').check();
  await page.getByLabel('网上获取').check();
  // A wrong answer first: the page says so at the field and keeps what was typed.
  await page.getByLabel(/请回答/).fill('999');
  await page.getByRole('button', { name: '提交申请' }).click();
  assert.match(await page.locator('#e-challenge').innerText(), /不正确/);
  assert.equal(await page.getByLabel(/姓名或名称/).inputValue(), '陈晓明');
  await checked('apply-error');
  const question = await page.locator('label[for=f-challenge]').innerText();
  const m = question.match(/请回答：(.+?)(加|减)(.+?)等于多少？/);
  assert.ok(m, question);
  const answer = m[2] === '加' ? chinese(m[1]) + chinese(m[3]) : chinese(m[1]) - chinese(m[3]);
  await page.getByLabel(/请回答/).fill(String(answer));
  await page.getByRole('button', { name: '提交申请' }).click();
  assert.equal(await page.locator('h1').innerText(), '申请已提交');
  number = await page.locator('#app-number').innerText();
  code = await page.locator('#query-code').innerText();
  assert.match(number, /^demo-county-\d{4}-\d{4}$/);
  assert.equal(code.length, 10);
  await checked('apply-done');
});

test('the office handles the case through to the reply letter', async () => {
  await page.goto(baseUrl + '/staff/cases/' + number);
  await page.getByLabel('登录名').fill('county.office');
  await page.getByLabel('密码').fill('Shili-Gkb-Gongkai1');
  await page.getByRole('button', { name: '登录' }).click();
  assert.equal(await page.locator('h1').innerText(), '申请 ' + number);
  assert.ok(await page.getByText('110105********002X').isVisible());
  await checked('case');
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
