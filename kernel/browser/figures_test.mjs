// Opens built handouts from disk in Chromium with every request outside their folder refused, and
// checks each interactive figure: its sliders change the canvas, play animates it, no script error.
// Usage: node figures_test.mjs FOLDER PAGE.html...   Prints one JSON report on stdout; exit 1 on failure.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [folder, ...pages] = process.argv.slice(2);
const root = pathToFileURL(path.resolve(folder)).href + '/';
const browser = await chromium.launch({
  executablePath: process.env.ADALAB_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const report = { pages: [], failures: [] };
const fail = (page, what) => report.failures.push(`${page}: ${what}`);

// A digest of what the canvases of a figure show.
const canvasDigest = (el) => {
  let h = 0;
  for (const c of el.querySelectorAll('canvas')) {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] * 7 + d[i + 1] * 3 + d[i + 2] + d[i + 3]) | 0;
  }
  return h;
};

for (const name of pages) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const outside = [], errors = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(root) || url.startsWith('data:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(root + name, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  const figures = await page.locator('.adalab-figure').count();
  const result = { page: name, figures: [], outside, errors };
  for (let i = 0; i < figures; i++) {
    const fig = page.locator('.adalab-figure').nth(i);
    await fig.scrollIntoViewIfNeeded();
    const ready = await fig.evaluate((el) => !!el.adalabFigure);
    const f = { index: i, ready, sliders: 0, sliderChanges: 0, play: false, playChanges: false, drawMs: null, sizeKB: 0 };
    f.sizeKB = Math.round(await fig.evaluate((el) => el.outerHTML.length) / 1024);
    if (!ready) { fail(name, `figure ${i} did not start`); result.figures.push(f); continue; }
    const params = fig.locator('.af-param');
    f.sliders = await params.count();
    for (let k = 0; k < f.sliders; k++) {
      const before = await fig.evaluate(canvasDigest);
      const moved = await params.nth(k).evaluate((inp) => {
        inp.value = String(+inp.value === +inp.max ? 0 : +inp.max);
        inp.dispatchEvent(new Event('input', { bubbles: true }));
        return inp.value;
      });
      const after = await fig.evaluate(canvasDigest);
      if (after !== before) f.sliderChanges++;
      else fail(name, `figure ${i}: moving slider ${k} to ${moved} changed no pixel`);
    }
    const play = fig.locator('.af-play');
    if (await play.count()) {
      f.play = true;
      // Scrub to the start, then play: the frames must change while it runs.
      await fig.locator('.af-step').evaluate((inp) => { inp.value = '0'; inp.dispatchEvent(new Event('input', { bubbles: true })); });
      const d0 = await fig.evaluate(canvasDigest);
      const drawsBefore = await fig.evaluate((el) => el.adalabFigure.draws);
      await play.click();
      await page.waitForTimeout(700);
      const d1 = await fig.evaluate(canvasDigest);
      await page.waitForTimeout(700);
      const d2 = await fig.evaluate(canvasDigest);
      const drawsAfter = await fig.evaluate((el) => el.adalabFigure.draws);
      // A short replay has few frames to show: ask for as many as it has, up to 5.
      const rows = await fig.locator('.af-step').evaluate((inp) => +inp.max + 1);
      f.rows = rows;
      f.playChanges = d0 !== d1 && d1 !== d2 && drawsAfter >= drawsBefore + Math.min(5, rows - 2);
      f.playFrames = drawsAfter - drawsBefore;
      if (!f.playChanges) fail(name, `figure ${i}: play did not animate (${drawsAfter - drawsBefore} frames)`);
      await play.click();
    }
    // Redraw time: the full last frame, 30 times.
    f.drawMs = await fig.evaluate((el) => {
      const inp = el.querySelector('.af-step') || el.querySelector('.af-param');
      const times = [];
      for (let n = 0; n < 30; n++) {
        inp.value = String(n % 2 ? inp.max : +inp.max - 1);
        inp.dispatchEvent(new Event('input', { bubbles: true }));
        times.push(el.adalabFigure.lastMs);
      }
      times.sort((a, b) => a - b);
      return { median: times[15], max: times[29] };
    });
    if (f.drawMs.median > 33) fail(name, `figure ${i}: a redraw takes ${f.drawMs.median} ms (over one frame at 30 fps)`);
    result.figures.push(f);
  }
  if (outside.length) fail(name, `requested outside its folder: ${outside.join(', ')}`);
  if (errors.length) fail(name, `script errors: ${errors.join(' | ')}`);
  report.pages.push(result);
  await context.close();
}
await browser.close();
console.log(JSON.stringify(report, null, 1));
process.exit(report.failures.length ? 1 : 0);
