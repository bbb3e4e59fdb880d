// Browser journey through the policy desk of the demo county: the education bureau's editor drafts a normative
// document and the reviewer publishes it; the editor drafts its interpretation (choosing the kind shows the
// interpretation fields without JavaScript), naming the document, and it is published; the county disclosure
// office files the document (备案), sees the interpretation linked, runs a clean-up campaign and repeals it; the
// portal shows the two pages linked both ways and the 已废止 banner. axe-core checks every page on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, staffSignIn, staffSignOut, newPage, checkPage } from './browser.mjs';

let browser;
let page;
const stamp = Date.now();
const docTitle = `示例县教育局关于规范校外培训的规定（e2e ${stamp}）`;
const interpTitle = `图解：校外培训规定（e2e ${stamp}）`;
let docPath = '';     // /staff/items/{id}
let interpPath = '';
let docIndex = '';
let today = '';

before(async () => {
  browser = await launch();
  page = await newPage(browser);
});
after(async () => { await browser?.close(); });

const checked = (name) => checkPage(page, assert, 'policy', name);

const signIn = (login, password) => staffSignIn(page, assert, login, password);
const signOut = () => staffSignOut(page, assert);

// Opens the public page at `path` until `pattern` is in its text. The page cache follows a write made through
// the server at once (ServerOptions::after_write) and any other within a second (cli/cmd_serve.cpp); the retry
// covers the second kind. The staff journey checks the first without retrying.
async function publicPageShowing(path, pattern) {
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.goto(baseUrl + path);
    if (pattern.test(await page.locator('main').innerText())) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`${path} never showed ${pattern}`);
}

// The reviewer of the education bureau approves and publishes the item at `path`.
async function reviewAndPublish(path) {
  await signIn('jyj.reviewer', 'Shili-Jyj-Shenhe1');
  await page.goto(baseUrl + path);
  await page.getByRole('button', { name: '审核通过' }).click();
  await page.getByRole('button', { name: '发布', exact: true }).click();
  assert.ok(await page.getByText('当前状态：已发布').isVisible());
  await signOut();
}

test('the editor drafts a normative document and the reviewer publishes it', async () => {
  await signIn('jyj.editor', 'Shili-Jyj-Bianji1');
  await page.getByRole('link', { name: '新建信息' }).first().click();
  today = await page.getByLabel('发布日期').inputValue();
  await page.getByLabel('标题').fill(docTitle);
  await page.getByLabel('栏目').fill('通知公告');
  await page.getByLabel('文号').fill(`示教规〔2026〕${stamp % 1000}号`);
  await page.getByLabel('成文日期').fill(today);
  await page.getByLabel('信息类别').selectOption({ label: '行政规范性文件' });
  await page.getByLabel('有效性').selectOption({ label: '有效' });
  await page.getByLabel('正文').fill('第一条 为规范校外培训，制定本规定。');
  await page.getByRole('button', { name: '保存草稿' }).click();
  assert.equal(await page.locator('h1').innerText(), docTitle);
  docPath = new URL(page.url()).pathname;
  docIndex = (await page.locator('table.meta th:has-text("索引号") + td').innerText()).trim();
  assert.ok(docIndex.length > 0);
  assert.ok(await page.getByText('缺少政策解读').isVisible());
  await checked('normative-draft');
  await page.getByRole('button', { name: '提交审核' }).click();
  await signOut();
  await reviewAndPublish(docPath);
});

test('the editor drafts its interpretation, naming the document', async () => {
  await signIn('jyj.editor', 'Shili-Jyj-Bianji1');
  await page.getByRole('link', { name: '新建信息' }).first().click();
  await page.getByLabel('标题').fill(interpTitle);
  await page.getByLabel('栏目').fill('通知公告');
  await page.getByLabel('信息类别').selectOption({ label: '政策解读' });
  // Without JavaScript the form shows the kind's fields after "显示专项信息"; nothing is saved yet.
  await page.getByRole('button', { name: '显示专项信息' }).click();
  assert.equal(await page.locator('h1').innerText(), '新建信息');
  assert.equal(await page.getByLabel('标题').inputValue(), interpTitle);
  await checked('interpretation-form');
  await page.getByLabel('解读的文件（索引号）').fill('000000000/2099-99999');
  await page.getByLabel('图文').check();
  await page.getByLabel('视频').check();
  await page.getByLabel('正文').fill('一、制定背景……二、主要内容……');
  await page.getByRole('button', { name: '保存草稿' }).click();
  // An unknown 索引号 is an error on its field, and what was typed stays.
  assert.ok(await page.getByRole('alert').isVisible());
  assert.equal(await page.getByLabel('解读的文件（索引号）').getAttribute('aria-invalid'), 'true');
  assert.ok(await page.getByLabel('视频').isChecked());
  await checked('interpretation-error');
  await page.getByLabel('解读的文件（索引号）').fill(docIndex);
  await page.getByRole('button', { name: '保存草稿' }).click();
  assert.equal(await page.locator('h1').innerText(), interpTitle);
  interpPath = new URL(page.url()).pathname;
  await page.getByRole('button', { name: '提交审核' }).click();
  await signOut();
  await reviewAndPublish(interpPath);
});

test('the disclosure office files the document and sees the interpretation linked', async () => {
  await signIn('county.office', 'Shili-Gkb-Gongkai1');
  await page.getByRole('link', { name: '规范性文件', exact: true }).click();
  await checked('registry');
  await page.goto(baseUrl + docPath.replace('/staff/items/', '/staff/policies/'));
  assert.equal(await page.locator('h1').innerText(), docTitle);
  assert.ok(await page.getByRole('cell', { name: '已关联' }).isVisible());
  assert.ok(await page.getByRole('cell', { name: '未备案' }).isVisible());
  await checked('policy');
  await page.getByLabel('备案机关').fill('示例县司法局');
  await page.getByLabel('备案日期').fill(today);
  await page.getByLabel('备案号').fill(`示司备〔2026〕${stamp % 1000}号`);
  await page.getByRole('button', { name: '登记备案' }).click();
  assert.ok(await page.getByRole('cell', { name: '示例县司法局' }).isVisible());
  await checked('policy-filed');
});

test('the portal links the document and its interpretation both ways', async () => {
  await publicPageShowing(docPath.replace('/staff', ''), new RegExp(interpTitle.replace(/[()（）]/g, '.')));
  assert.equal(await page.locator('h1.item-title').innerText(), docTitle);
  const interpLink = page.locator('section.interpretations a', { hasText: interpTitle });
  assert.equal(await interpLink.getAttribute('href'), interpPath.replace('/staff', ''));
  assert.match(await page.locator('section.interpretations').innerText(), /图文、视频/);
  await checked('portal-document');
  await interpLink.click();
  assert.equal(await page.locator('h1.item-title').innerText(), interpTitle);
  assert.equal(await page.locator('p.interprets a').getAttribute('href'), docPath.replace('/staff', ''));
  await checked('portal-interpretation');
});

test('a clean-up campaign repeals the document and its page says so', async () => {
  await page.goto(baseUrl + '/staff/cleanup');
  await checked('cleanup');
  await page.getByLabel('机构').selectOption({ label: '示例县教育局' });
  await page.getByLabel('名称').fill(`教育局规范性文件清理（e2e ${stamp}）`);
  await page.getByLabel('制定日期截止').fill(today);
  await page.getByLabel('清理决定日期').fill(today);
  await page.getByRole('button', { name: '创建清理工作' }).click();
  const row = page.locator('tr', { hasText: docTitle });
  assert.equal(await row.count(), 1);
  await checked('campaign');
  await row.getByLabel('失效废止').check();
  await row.getByRole('button', { name: '记录决定' }).click();
  assert.ok(await page.getByText('已记录清理决定').isVisible());
  assert.equal(await page.locator('#sum-repealed').innerText(), '1');
  await checked('campaign-decided');
  await signOut();
  await publicPageShowing(docPath.replace('/staff', ''), /本文件已废止/);
  const banner = page.locator('.validity-banner');
  assert.match(await banner.innerText(), /本文件已废止/);
  assert.match(await banner.innerText(), new RegExp(today));
  await checked('portal-repealed');
});

test('a survey has its own fields on the form, checked and shown on the portal', async () => {
  await signIn('jyj.editor', 'Shili-Jyj-Bianji1');
  await page.goto(baseUrl + '/staff/items/new?kind=survey');
  await checked('survey-form');
  const surveyTitle = `校外培训满意度调查（e2e ${stamp}）`;
  await page.getByLabel('标题').fill(surveyTitle);
  await page.getByLabel('栏目').fill('通知公告');
  await page.getByLabel('调查主题').fill('校外培训满意度');
  await page.getByLabel('调查开始日期').fill(today);
  await page.getByRole('button', { name: '保存草稿' }).click();
  // The missing end date is named in the summary and on its field.
  assert.ok(await page.getByRole('alert').getByText('请填写调查截止日期').isVisible());
  assert.equal(await page.getByLabel('调查截止日期').getAttribute('aria-invalid'), 'true');
  await checked('survey-form-error');
  await page.getByLabel('调查截止日期').fill(today);
  await page.getByLabel('调查方式').selectOption({ label: '网上问卷' });
  await page.getByLabel('收到答卷（份）').fill('321');
  await page.getByRole('button', { name: '保存草稿' }).click();
  assert.equal(await page.locator('h1').innerText(), surveyTitle);
  assert.ok(await page.getByRole('cell', { name: '网上问卷' }).isVisible());
  const surveyPath = new URL(page.url()).pathname;
  await page.getByRole('button', { name: '提交审核' }).click();
  await signOut();
  await reviewAndPublish(surveyPath);
  await publicPageShowing(surveyPath.replace('/staff', ''), /收到答卷（份）\s*321/);
  await checked('portal-survey');
  // The reviewer records that it also went out on Weibo, then removes the record again.
  await signIn('jyj.reviewer', 'Shili-Jyj-Shenhe1');
  await page.goto(baseUrl + surveyPath);
  await page.getByLabel(/^渠道 /).selectOption({ label: '政务微博' });
  await page.getByLabel('渠道发布日期').fill(today);
  await page.getByLabel('链接').fill('https://weibo.com/shilixian/e2e');
  await page.getByRole('button', { name: '保存渠道记录' }).click();
  assert.ok(await page.getByText('已保存发布渠道记录').isVisible());
  const weibo = page.locator('table.channel-records tr', { hasText: '政务微博' });
  assert.ok(await weibo.getByRole('link', { name: 'https://weibo.com/shilixian/e2e' }).isVisible());
  await checked('channel-recorded');
  await weibo.getByRole('button', { name: '删除政务微博的发布记录' }).click();
  assert.ok(await page.getByText('已删除该发布渠道记录').isVisible());
  assert.equal(await page.locator('table.channel-records tr', { hasText: '政务微博' }).count(), 0);
  await signOut();
});

// The arithmetic question of the public comment form ("七加五等于多少？"): its answer.
function answerOf(question) {
  const digits = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const number = (text) => {
    if (/^\d+$/.test(text)) return Number(text);
    if (!text.includes('十')) return digits[text];
    const [tens, ones] = text.split('十');
    return (tens ? digits[tens] : 1) * 10 + (ones ? digits[ones] : 0);
  };
  const m = question.match(/请回答：(.+?)(加|减)(.+?)等于多少？/);
  assert.ok(m, `no question in "${question}"`);
  return m[2] === '加' ? number(m[1]) + number(m[3]) : number(m[1]) - number(m[3]);
}

test('a consultation comment needs the right answer to the question', async () => {
  await signIn('jyj.editor', 'Shili-Jyj-Bianji1');
  await page.goto(baseUrl + '/staff/items/new?kind=consultation');
  const consultationTitle = `关于校车线路调整方案征求意见的公告（e2e ${stamp}）`;
  await page.getByLabel('标题').fill(consultationTitle);
  await page.getByLabel('栏目').fill('通知公告');
  await page.getByRole('button', { name: '保存草稿' }).click();
  const path = new URL(page.url()).pathname;
  await page.getByRole('button', { name: '提交审核' }).click();
  await signOut();
  await reviewAndPublish(path);
  await signIn('jyj.editor', 'Shili-Jyj-Bianji1');
  await page.goto(baseUrl + path.replace('/staff/items/', '/staff/consultations/'));
  await page.getByLabel('开始日期').fill(today);
  await page.getByLabel('截止日期（含）').fill(today);
  await page.getByRole('button', { name: '设置征集期' }).click();
  await signOut();
  const publicPath = path.replace('/staff/items/', '/consultations/');
  await page.goto(baseUrl + publicPath);
  await checked('comment-form');
  await page.getByLabel('联系方式').fill('13800000000');
  await page.getByLabel('意见和建议').fill('建议增加早班车。');
  const question = await page.locator('label[for="f-challenge"]').innerText();
  await page.getByLabel(/^请回答/).fill(String(answerOf(question) + 1));
  await page.getByRole('button', { name: '提交意见' }).click();
  assert.ok(await page.getByRole('alert').getByText('不正确').isVisible());
  assert.equal(await page.getByLabel('意见和建议').inputValue(), '建议增加早班车。');
  await checked('comment-form-wrong-answer');
  const again = await page.locator('label[for="f-challenge"]').innerText();
  await page.getByLabel(/^请回答/).fill(String(answerOf(again)));
  await page.getByRole('button', { name: '提交意见' }).click();
  assert.ok(await page.getByText('您的意见已提交').isVisible());
});
