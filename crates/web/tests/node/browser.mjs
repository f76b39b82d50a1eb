// Browser checks of the explanation page in Debian's headless Chromium, driven by
// playwright-core. Usage: node browser.mjs BASE_URL SCREENSHOT_DIR
// Prints one line per check and exits non-zero when any fails.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error('usage: node browser.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});

let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures += 1;
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
const url = (cmd) => `${base}/explain?cmd=${encodeURIComponent(cmd)}`;

async function open(options, cmd) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url(cmd));
  if (options.javaScriptEnabled !== false) {
    await page.waitForSelector('#explanation[data-drawn="true"]');
    // Let any redraw queued by the first layout (fonts, resize) finish before measuring.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  return { context, page, errors };
}

// Where each connector starts and ends, in page coordinates, with its part's and box's boxes.
function geometry() {
  const svg = document.getElementById('connectors');
  const s = svg.getBoundingClientRect();
  const rect = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
  return Array.from(svg.querySelectorAll('path')).map((p) => {
    const len = p.getTotalLength();
    const a = p.getPointAtLength(0);
    const b = p.getPointAtLength(len);
    const part = document.getElementById(p.dataset.part);
    const box = document.getElementById('box-' + p.dataset.box);
    const segs = [];
    const nums = p.getAttribute('d').match(/-?[\d.]+/g).map(Number);
    // d = M x y V y H x V y H x
    let x = nums[0], y = nums[1];
    const cmds = p.getAttribute('d').match(/[MVH]/g).slice(1);
    cmds.forEach((c, i) => {
      const v = nums[2 + i];
      const nx = c === 'H' ? v : x, ny = c === 'V' ? v : y;
      segs.push([x + s.left, y + s.top, nx + s.left, ny + s.top]);
      x = nx; y = ny;
    });
    return {
      box: p.dataset.box, partText: part.querySelector('ruby').firstChild.textContent,
      start: { x: a.x + s.left, y: a.y + s.top }, end: { x: b.x + s.left, y: b.y + s.top },
      part: rect(part), boxRect: rect(box), segs,
    };
  });
}

function crossings(lines) {
  // Proper crossings of horizontal and vertical segments of different boxes.
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    for (let j = 0; j < lines.length; j++) {
      if (lines[i].box === lines[j].box) continue;
      for (const h of lines[i].segs) {
        if (h[1] !== h[3]) continue;
        for (const v of lines[j].segs) {
          if (v[0] !== v[2]) continue;
          const [hx1, hx2] = [Math.min(h[0], h[2]), Math.max(h[0], h[2])];
          const [vy1, vy2] = [Math.min(v[1], v[3]), Math.max(v[1], v[3])];
          if (v[0] > hx1 + 0.5 && v[0] < hx2 - 0.5 && h[1] > vy1 + 0.5 && h[1] < vy2 - 0.5) n++;
        }
      }
    }
  }
  return n;
}

await check('tar -xzvf x.tgz: 5 boxes, each connector from its part to its box (light)', async () => {
  const { context, page, errors } = await open({ colorScheme: 'light' }, 'tar -xzvf x.tgz');
  assert(await page.locator('.box').count() === 5, 'five boxes');
  const lines = await page.evaluate(geometry);
  const want = { tar: '1', '-x': '2', z: '3', v: '4', f: '5', 'x.tgz': '5' };
  assert(lines.length === 6, `six connectors, got ${lines.length}`);
  for (const l of lines) {
    assert(want[l.partText] === l.box, `${l.partText} goes to box ${l.box}`);
    assert(l.start.x >= l.part.left && l.start.x <= l.part.right,
      `${l.partText}: starts at x=${l.start.x}, part spans ${l.part.left}..${l.part.right}`);
    assert(l.start.y >= l.part.bottom - 1 && l.start.y <= l.part.bottom + 30,
      `${l.partText}: starts at y=${l.start.y}, part bottom ${l.part.bottom}`);
    assert(Math.abs(l.end.x - l.boxRect.right) <= 2,
      `${l.partText}: ends at x=${l.end.x}, box right edge ${l.boxRect.right}`);
    assert(l.end.y >= l.boxRect.top && l.end.y <= l.boxRect.bottom,
      `${l.partText}: ends at y=${l.end.y}, box spans ${l.boxRect.top}..${l.boxRect.bottom}`);
  }
  const n = crossings(lines);
  assert(n === 0, `no connector crosses another, found ${n}`);
  await page.hover('#part-2');
  assert(await page.locator('#box-3.hl').count() === 1, 'hovering z highlights box 3');
  assert(await page.locator('#connectors path.hl').count() === 1, 'and its connector');
  await page.mouse.move(1, 1);
  await page.screenshot({ path: join(shots, 'explain-light.png'), fullPage: true });
  assert(errors.length === 0, `no script errors: ${errors}`);
  await context.close();
});

await check('dark theme follows prefers-color-scheme and the toggle is remembered', async () => {
  const { context, page, errors } = await open({ colorScheme: 'dark' }, 'tar -xzvf x.tgz');
  const luminance = () => {
    const c = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
    return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255;
  };
  assert(await page.evaluate(luminance) < 0.2, 'dark background');
  await page.screenshot({ path: join(shots, 'explain-dark.png'), fullPage: true });
  await page.click('#theme-toggle');
  assert(await page.evaluate(luminance) > 0.8, 'light after the toggle');
  await page.reload();
  await page.waitForSelector('#explanation[data-drawn="true"]');
  assert(await page.evaluate(luminance) > 0.8, 'still light after a reload');
  assert(errors.length === 0, `no script errors: ${errors}`);
  await context.close();
});

await check('arrow keys step through the commands of ls -la | sort -k5', async () => {
  const { context, page } = await open({}, 'ls -la | sort -k5');
  const lit = () => page.evaluate(() => Array.from(document.querySelectorAll('#command .part:not(.dim)'))
    .map((e) => e.querySelector('ruby').firstChild.textContent).join(' '));
  assert(await lit() === 'ls -l a | sort -k5', `all lit at first: ${await lit()}`);
  await page.keyboard.press('ArrowRight');
  assert(await lit() === 'ls -l a', `first command: ${await lit()}`);
  const boxes = () => page.evaluate(() => Array.from(document.querySelectorAll('.box:not(.dim)')).map((b) => b.dataset.group).join(','));
  assert(/^1(,1)*$/.test(await boxes()), `only the first command's boxes: ${await boxes()}`);
  await page.keyboard.press('ArrowRight');
  assert(await lit() === 'sort -k5', `second command: ${await lit()}`);
  await page.keyboard.press('ArrowRight');
  assert(await lit() === 'ls -l a', `wraps to the first: ${await lit()}`);
  await page.keyboard.press('ArrowLeft');
  assert(await lit() === 'sort -k5', `back to the second: ${await lit()}`);
  await page.screenshot({ path: join(shots, 'explain-pipeline-step.png'), fullPage: true });
  await page.keyboard.press('Escape');
  assert(await lit() === 'ls -l a | sort -k5', 'Esc shows all');
  await context.close();
});

await check('without JavaScript every box shows, numbered like its parts', async () => {
  const { context, page } = await open({ javaScriptEnabled: false }, 'tar -xzvf x.tgz');
  const boxes = page.locator('.box');
  assert(await boxes.count() === 5, 'five boxes');
  for (let i = 0; i < 5; i++) assert(await boxes.nth(i).isVisible(), `box ${i + 1} visible`);
  const labels = await page.evaluate(() => Array.from(document.querySelectorAll('#command rt')).map((r) => r.textContent).join(' '));
  assert(labels === '1 2 3 4 5 5', `part numbers ${labels}`);
  const nums = await page.evaluate(() => Array.from(document.querySelectorAll('.box .num')).map((r) => r.textContent).join(' '));
  assert(nums === '1 2 3 4 5', `box numbers ${nums}`);
  assert(await page.locator('#connectors path').count() === 0, 'no lines without script');
  await page.screenshot({ path: join(shots, 'explain-nojs.png'), fullPage: true });
  await context.close();
});

await check('usable at phone width', async () => {
  const { context, page } = await open({ viewport: { width: 375, height: 740 }, isMobile: true }, 'ls -la | grep -v tmp | sort -k5 -n > sizes.txt && du -sh');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 1, `no sideways scrolling, overflow ${overflow}px`);
  await page.screenshot({ path: join(shots, 'explain-phone.png'), fullPage: true });
  await context.close();
});

await browser.close();
console.log(`${5 - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
