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
let checks = 0;
async function check(name, fn) {
  checks += 1;
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
  const rect = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
  const out = [];
  for (const svg of document.querySelectorAll('svg.connectors')) {
    const s = svg.getBoundingClientRect();
    for (const p of svg.querySelectorAll('path')) {
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
      out.push({
        box: p.dataset.box, partText: part.querySelector('ruby').firstChild.textContent,
        start: { x: a.x + s.left, y: a.y + s.top }, end: { x: b.x + s.left, y: b.y + s.top },
        part: rect(part), boxRect: rect(box), segs,
      });
    }
  }
  return out;
}

// Crossings as the issue counts them: a horizontal segment of one connector crossing a vertical
// segment of another, or running along it, where the two go to different boxes.
function crossings(lines) {
  let n = 0;
  const between = (v, a, b) => v > Math.min(a, b) + 0.5 && v < Math.max(a, b) - 0.5;
  const overlap = (a1, a2, b1, b2) => Math.min(Math.max(a1, a2), Math.max(b1, b2)) - Math.max(Math.min(a1, a2), Math.min(b1, b2)) > 0.5;
  for (let i = 0; i < lines.length; i++) {
    for (let j = 0; j < lines.length; j++) {
      if (lines[i].box === lines[j].box) continue;
      for (const h of lines[i].segs) {
        if (h[1] !== h[3]) continue;
        for (const v of lines[j].segs) {
          if (v[0] !== v[2]) continue;
          if (between(v[0], h[0], h[2]) && between(h[1], v[1], v[3])) n++;
        }
        // Running along: two horizontals of different boxes on the same level (counted once).
        if (j > i) {
          for (const g of lines[j].segs) {
            if (g[1] === g[3] && Math.abs(g[1] - h[1]) < 0.5 && overlap(h[0], h[2], g[0], g[2])) n++;
          }
        }
      }
      if (j > i) {
        for (const v of lines[i].segs) {
          if (v[0] !== v[2]) continue;
          for (const w of lines[j].segs) {
            if (w[0] === w[2] && Math.abs(w[0] - v[0]) < 0.5 && overlap(v[1], v[3], w[1], w[3])) n++;
          }
        }
      }
    }
  }
  return n;
}

// Parts or labels broken across rows: a part whose text has no newline but whose boxes lie on
// more than one line, or a number label drawn in more than one piece.
function splitParts() {
  const bad = [];
  for (const part of document.querySelectorAll('#command .part')) {
    const text = part.querySelector('ruby').firstChild.textContent;
    const tops = new Set(Array.from(part.getClientRects()).map((r) => Math.round(r.top)));
    const label = part.querySelector('rt');
    if ((!text.includes('\n') && tops.size > 1) || label.getClientRects().length > 1) bad.push(text);
  }
  return bad;
}

// How tall each sticky line is against the viewport.
function stickyHeights() {
  return Array.from(document.querySelectorAll('#command .line')).map((l) => ({
    sticky: getComputedStyle(l).position === 'sticky',
    height: l.getBoundingClientRect().height,
    viewport: window.innerHeight,
  }));
}

// Neighbouring parts with boxes (in reading order) that show the same colour for different boxes.
function sameColourNeighbours() {
  const parts = Array.from(document.querySelectorAll('#command .part[data-box]'));
  const out = [];
  for (let i = 1; i < parts.length; i++) {
    const [a, b] = [parts[i - 1], parts[i]];
    if (a.dataset.box !== b.dataset.box && getComputedStyle(a).color === getComputedStyle(b).color) {
      out.push(`${a.textContent} ${b.textContent}`);
    }
  }
  return out;
}

const SCRIPT = `#!/bin/bash
for f in *.txt; do
  case "$f" in
    a*) echo "starts with a: $f" ;;
    *) wc -l "$f" ;;
  esac
done
cat <<EOF2 > notes.md
Hello $USER
EOF2
if [ -f notes.md ]; then grep -n Hello notes.md; fi`;

const LONG_LINE = 'rsync -avz --progress --delete --partial --chmod=D755,F644 --bwlimit=5000 --exclude=\'.git\' --exclude=\'node_modules\' --exclude=\'*.log\' ' +
  '--exclude=\'target\' -e \'ssh -p 2222\' ./site/ deploy@example.org:/var/www/site/ && ' +
  'curl -fsSL -H \'Accept: application/json\' -H \'Authorization: Bearer token\' --retry 3 --max-time 30 ' +
  'https://api.example.org/v1/deployments?status=done | jq -r \'.items[] | select(.ok) | .id\' | ' +
  'sort -u | tee -a deploy.log';

await check('tar -xzvf x.tgz: 5 boxes, each connector from its part to its box (light)', async () => {
  const { context, page, errors } = await open({ colorScheme: 'light', viewport: { width: 1100, height: 760 } }, 'tar -xzvf x.tgz');
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
  assert(await page.locator('.connectors path.hl').count() === 1, 'and its connector');
  await page.mouse.move(1, 1);
  await page.screenshot({ path: join(shots, 'explain-light.png'), fullPage: true });
  // The README's pictures: what a visitor sees first (scripts/screenshots.sh copies them).
  await page.screenshot({ path: join(shots, 'readme-oneliner.png') });
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
  await page.screenshot({ path: join(shots, 'readme-dark.png') });
  await page.click('#theme-toggle');
  assert(await page.evaluate(luminance) > 0.8, 'light after the toggle');
  await page.reload();
  await page.waitForSelector('#explanation[data-drawn="true"]');
  assert(await page.evaluate(luminance) > 0.8, 'still light after a reload');
  assert(errors.length === 0, `no script errors: ${errors}`);
  await context.close();
});

await check('buttons and arrow keys step through the commands of ls -la | sort -k5, then the shell syntax', async () => {
  const { context, page } = await open({}, 'ls -la | sort -k5');
  const lit = () => page.evaluate(() => Array.from(document.querySelectorAll('#command .part:not(.dim)'))
    .map((e) => e.querySelector('ruby').firstChild.textContent).join(' '));
  const showing = () => page.textContent('#showing');
  assert(await lit() === 'ls -l a | sort -k5', `all lit at first: ${await lit()}`);
  assert(await showing() === 'showing: everything', await showing());
  await page.keyboard.press('ArrowRight');
  assert(await lit() === 'ls -l a', `first command: ${await lit()}`);
  assert(await showing() === 'showing: ls(1) (1 of 3)', await showing());
  const boxes = () => page.evaluate(() => Array.from(document.querySelectorAll('.box:not(.dim)')).map((b) => b.dataset.group).join(','));
  assert(/^1(,1)*$/.test(await boxes()), `only the first command's boxes: ${await boxes()}`);
  const dimDots = await page.evaluate(() => Array.from(document.querySelectorAll('.connectors circle'))
    .filter((c) => c.dataset.group !== '1').every((c) => c.classList.contains('dim')));
  assert(dimDots, 'the other commands\' dots are dimmed too');
  await page.click('#step-next');
  assert(await lit() === 'sort -k5', `second command: ${await lit()}`);
  await page.click('#step-next');
  assert(await lit() === '|', `the shell syntax: ${await lit()}`);
  assert(await showing() === 'showing: shell syntax (3 of 3)', await showing());
  await page.keyboard.press('ArrowRight');
  assert(await lit() === 'ls -l a | sort -k5', `then everything: ${await lit()}`);
  await page.click('#step-prev');
  assert(await lit() === '|', `back to the shell syntax: ${await lit()}`);
  await page.keyboard.press('ArrowLeft');
  assert(await lit() === 'sort -k5', `back to the second: ${await lit()}`);
  await page.screenshot({ path: join(shots, 'explain-pipeline-step.png'), fullPage: true });
  await page.keyboard.press('Escape');
  assert(await lit() === 'ls -l a | sort -k5', 'Esc shows all');
  assert(await page.isVisible('#hint'), 'the key hint shows with a mouse');
  await context.close();
  const phone = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, 'ls -la | sort -k5');
  assert(!(await phone.page.isVisible('#hint')), 'no key hint on a touch screen');
  assert(await phone.page.isVisible('#step-next'), 'but the buttons show');
  await phone.context.close();
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
  assert(await page.locator('.connectors path').count() === 0, 'no lines without script');
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

// The script and the long line of the web issue, at desktop and phone widths: no crossings
// (at most 2 on a phone), no part or label broken across rows, sticky lines capped.
for (const [name, cmd] of [['the script', SCRIPT], ['the long line', LONG_LINE]]) {
  for (const width of [1280, 390]) {
    await check(`${name} at ${width} px: connectors do not cross, no part is broken, the sticky line is capped`, async () => {
      const phone = width < 600;
      const { context, page, errors } = await open({ viewport: { width, height: phone ? 844 : 900 }, isMobile: phone }, cmd);
      const lines = await page.evaluate(geometry);
      const boxed = await page.locator('#command .part[data-box]').count();
      assert(lines.length >= Math.min(10, boxed / 2), `connectors drawn: ${lines.length} for ${boxed} parts`);
      for (const l of lines) {
        assert(l.start.x >= l.part.left - 1 && l.start.x <= l.part.right + 1, `${l.partText}: starts under its part`);
        assert(Math.abs(l.end.x - l.boxRect.right) <= 2 && l.end.y >= l.boxRect.top && l.end.y <= l.boxRect.bottom,
          `${l.partText}: ends at its box`);
      }
      const n = crossings(lines);
      console.log(`     ${name} at ${width} px: ${lines.length} connectors, ${n} crossings`);
      assert(n === 0, `crossings: ${n} (the issue allows 2 on a phone; the layout makes none)`);
      const split = await page.evaluate(splitParts);
      assert(split.length === 0, `parts broken across rows: ${JSON.stringify(split)}`);
      for (const h of await page.evaluate(stickyHeights)) {
        assert(h.sticky, 'each line sticks');
        assert(h.height <= h.viewport * 0.3 + 1, `a sticky line is ${h.height}px of ${h.viewport}px`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 1, `no sideways scrolling of the page, overflow ${overflow}px`);
      const same = await page.evaluate(sameColourNeighbours);
      assert(same.length === 0, `neighbouring parts share a colour: ${same}`);
      if (width === 1280) {
        const file = name === 'the script' ? 'explain-script.png' : 'explain-long-line.png';
        await page.screenshot({ path: join(shots, file), fullPage: true });
        if (name === 'the script') await page.screenshot({ path: join(shots, 'readme-script.png') });
      }
      assert(errors.length === 0, `no script errors: ${errors}`);
      await context.close();
    });
  }
}

await check('a 15 KB script: every sticky line stays under 30% of the screen', async () => {
  const big = Array.from({ length: 400 }, (_, i) => `echo "line ${i}" | grep -n line >> out.txt`).join('\n');
  const { context, page } = await open({ viewport: { width: 390, height: 844 }, isMobile: true }, big.slice(0, 15000));
  for (const h of await page.evaluate(stickyHeights)) {
    assert(h.height <= h.viewport * 0.3 + 1, `a sticky line is ${h.height}px of ${h.viewport}px`);
  }
  await context.close();
});

await check('16 colours, all distinguishable, in both themes', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page } = await open({ colorScheme }, 'tar -xzvf x.tgz');
    const colours = await page.evaluate(() => {
      const probe = document.createElement('span');
      document.body.appendChild(probe);
      const out = [];
      for (let i = 0; i < 16; i++) {
        probe.className = 'c' + i;
        probe.style.color = 'var(--c)';
        out.push(getComputedStyle(probe).color);
      }
      probe.remove();
      return out;
    });
    // Distance in OKLab, where 0.02 is about the smallest difference people see.
    const oklab = (c) => {
      const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
        const x = Number(v) / 255;
        return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
      const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
      const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
      const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
      return [0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
        1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
        0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s];
    };
    const lab = colours.map(oklab);
    let least = Infinity;
    for (let i = 0; i < 16; i++) for (let j = i + 1; j < 16; j++) {
      least = Math.min(least, Math.hypot(...lab[i].map((v, k) => v - lab[j][k])));
    }
    assert(new Set(colours).size === 16, `${colorScheme}: 16 different colours: ${colours}`);
    assert(least >= 0.06, `${colorScheme}: the closest two colours are ${least.toFixed(3)} apart in OKLab`);
    await context.close();
  }
});

await check('Tab reaches a part, which highlights its box and names it for screen readers', async () => {
  const { context, page } = await open({}, 'tar -xzvf x.tgz');
  await page.focus('#cmd');
  let focused = '';
  for (let i = 0; i < 6 && !focused.startsWith('part-'); i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement.id);
  }
  assert(focused === 'part-0', `Tab from the command box reaches the first part, got ${focused}`);
  await page.keyboard.press('Tab');
  assert(await page.evaluate(() => document.activeElement.id) === 'part-1', 'then the next part');
  assert(await page.locator('#box-2.hl').count() === 1, 'its box is highlighted');
  assert(await page.getAttribute('#part-1', 'aria-describedby') === 'box-2', 'and described by it');
  await context.close();
});

await check('a two-line script typed in the box is explained line by line', async () => {
  const { context, page } = await open({}, 'tar -xzvf x.tgz');
  await page.fill('#cmd', '');
  await page.type('#cmd', 'echo a');
  await page.keyboard.press('Shift+Enter');
  await page.type('#cmd', 'ls -l');
  const height = await page.evaluate(() => document.getElementById('cmd').getBoundingClientRect().height);
  assert(height > 40, `the box grew to two lines: ${height}px`);
  await Promise.all([page.waitForURL(/%0D%0A/), page.keyboard.press('Control+Enter')]);
  assert(page.url().includes('echo+a%0D%0Als+-l'), `the newline arrives as %0D%0A: ${page.url()}`);
  await page.waitForSelector('#explanation[data-drawn="true"]');
  const programs = await page.evaluate(() => Array.from(document.querySelectorAll('#command .part.k-program'))
    .map((p) => p.querySelector('ruby').firstChild.textContent + ':' + p.dataset.box).join(' '));
  assert(/^echo:\d+ ls:\d+$/.test(programs), `both commands explained: ${programs}`);
  assert(await page.locator('#command .block').count() === 2, 'on two lines');
  assert(await page.inputValue('#cmd') === 'echo a\nls -l', 'the box keeps the script');
  await page.fill('#cmd', 'tar -xf a.tar');
  await Promise.all([page.waitForURL(/cmd=tar\+-xf/), page.keyboard.press('Enter')]);
  assert(page.url().endsWith('cmd=tar+-xf+a.tar'), `Enter explains a one-line command: ${page.url()}`);
  await context.close();
});

await browser.close();
const total = checks;
console.log(`${total - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
