// The annual report's published HTML (src/render/report_html, full page with charts) in Chromium: no serious or
// critical axe-core violations, tables with captions and header cells, charts exposed as labelled images.
// The pages are the golden files tests/render/report_render_test.cpp keeps current.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, seriousViolations, shot } from './browser.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = await (await browser.newContext()).newPage();
});
after(async () => { await browser?.close(); });

for (const format of ['2019', '2021']) {
  test(`report HTML of the ${format} format is accessible`, async () => {
    const html = readFileSync(new URL(`../render/golden/report-${format}-page.html`, import.meta.url), 'utf8');
    await page.setContent(html, { waitUntil: 'load' });
    await shot(page, `report-${format}`);
    assert.deepEqual(await seriousViolations(page), [], `accessibility violations in the ${format} report`);
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
    assert.equal(await page.getByRole('heading', { level: 2 }).count(), 6);
    for (const caption of ['主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况']) {
      assert.ok(await page.getByRole('table', { name: caption }).isVisible(), `table ${caption}`);
    }
    const chart = page.getByRole('img', { name: /政府信息公开申请办理结果/ });
    assert.equal(await chart.count(), 1);
    assert.ok(await chart.isVisible());
    // A figure cell is announced with its headers: 自然人 column of 一、本年新收.
    const cell = page.locator('#table3 td[headers~="t3-natural-person"][headers~="t3-row-new"]');
    assert.equal(await cell.count(), 1);
  });
}
