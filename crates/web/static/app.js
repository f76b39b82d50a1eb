// explain's page script: the theme toggle, connector lines from each part of the command to
// its help box, highlighting of a part with its box, and arrow keys through the commands of a
// pipeline. The page works without it: parts and boxes are numbered and coloured to match.
(function () {
  'use strict';
  var root = document.documentElement;
  var SVG = 'http://www.w3.org/2000/svg';

  // Theme toggle: remembered in localStorage; until used, the page follows the system.
  var toggle = document.getElementById('theme-toggle');
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      var dark = root.dataset.theme
        ? root.dataset.theme === 'dark'
        : window.matchMedia('(prefers-color-scheme: dark)').matches;
      var next = dark ? 'light' : 'dark';
      root.dataset.theme = next;
      try { localStorage.setItem('explain-theme', next); } catch (e) { /* disabled */ }
    });
  }

  var ex = document.getElementById('explanation');
  if (!ex) return;
  var wrap = document.getElementById('boxes-wrap');
  var svg = document.getElementById('connectors');
  var row = document.getElementById('command-row');
  var parts = Array.prototype.slice.call(ex.querySelectorAll('#command .part[data-box]'));
  var boxes = {};
  Array.prototype.forEach.call(ex.querySelectorAll('.box'), function (b) {
    boxes[b.dataset.box] = b;
  });
  var numbers = Object.keys(boxes).map(Number).sort(function (a, b) { return a - b; });
  var groups = Number(ex.dataset.groups) || 0;
  var hint = document.getElementById('hint');
  if (hint) hint.hidden = false;

  // Lines go down from each part to a level, right to a lane in the gutter beside the boxes,
  // down the lane, and left into the box. With boxes in the order of their parts, the leftmost
  // part gets the deepest level and the innermost lane: then no two lines cross (parts that
  // share a box with parts of another box in between are the only exception).
  function layout() {
    var n = numbers.length;
    var width = ex.clientWidth;
    var laneStep = Math.max(3, Math.min(9, (width * 0.22) / Math.max(n, 1)));
    var levelStep = Math.max(3, Math.min(8, 160 / Math.max(n, 1)));
    ex.style.setProperty('--gutter', n ? Math.round(n * laneStep + 18) + 'px' : '0px');
    ex.style.setProperty('--levels', Math.round(n * levelStep + 14) + 'px');
    return { laneStep: laneStep, levelStep: levelStep };
  }

  function draw() {
    var steps = layout();
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var base = wrap.getBoundingClientRect();
    svg.setAttribute('width', String(Math.round(base.width)));
    svg.setAttribute('height', String(Math.round(base.height)));
    var n = numbers.length;
    parts.forEach(function (part) {
      var number = Number(part.dataset.box);
      var box = boxes[number];
      if (!box) return;
      var i = numbers.indexOf(number);
      var p = part.getBoundingClientRect();
      var b = box.getBoundingClientRect();
      var x0 = p.left + p.width / 2 - base.left;
      var y0 = Math.max(0, p.bottom - base.top + 2);
      var level = 6 + (n - 1 - i) * steps.levelStep;
      var right = b.right - base.left;
      var lane = right + 10 + i * steps.laneStep;
      var yBox = b.top - base.top + Math.min(16, b.height / 2);
      var d = 'M' + x0.toFixed(1) + ' ' + y0.toFixed(1) +
        ' V' + Math.max(level, y0).toFixed(1) +
        ' H' + lane.toFixed(1) +
        ' V' + yBox.toFixed(1) +
        ' H' + right.toFixed(1);
      var path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', d);
      path.setAttribute('class', box.classList[1] || '');
      path.dataset.box = String(number);
      path.dataset.part = part.id;
      path.dataset.group = part.dataset.group;
      svg.appendChild(path);
      var dot = document.createElementNS(SVG, 'circle');
      dot.setAttribute('cx', x0.toFixed(1));
      dot.setAttribute('cy', y0.toFixed(1));
      dot.setAttribute('r', '2.5');
      dot.setAttribute('class', box.classList[1] || '');
      dot.dataset.box = String(number);
      svg.appendChild(dot);
    });
    applyGroup();
  }

  // Hovering a part or a box highlights the pair (and every part sharing the box).
  function highlight(number) {
    var sel = '[data-box="' + number + '"]';
    Array.prototype.forEach.call(ex.querySelectorAll('.hl'), function (e) { e.classList.remove('hl'); });
    if (number) {
      Array.prototype.forEach.call(ex.querySelectorAll(sel), function (e) { e.classList.add('hl'); });
      svg.classList.add('has-hl');
    } else {
      svg.classList.remove('has-hl');
    }
  }
  parts.concat(numbers.map(function (k) { return boxes[k]; })).forEach(function (el) {
    el.addEventListener('mouseenter', function () { highlight(el.dataset.box); });
    el.addEventListener('mouseleave', function () { highlight(null); });
  });
  parts.forEach(function (part) {
    part.addEventListener('click', function () {
      var box = boxes[part.dataset.box];
      if (box) box.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    });
  });

  // Arrow keys step through the simple commands (groups); Esc shows all again.
  function applyGroup() {
    var active = Number(ex.dataset.active) || 0;
    Array.prototype.forEach.call(ex.querySelectorAll('[data-group]'), function (e) {
      e.classList.toggle('dim', active !== 0 && Number(e.dataset.group) !== active);
    });
  }
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
    if (e.altKey || e.ctrlKey || e.metaKey || groups < 1) return;
    var active = Number(ex.dataset.active) || 0;
    if (e.key === 'ArrowRight') active = active >= groups ? 1 : active + 1;
    else if (e.key === 'ArrowLeft') active = active <= 1 ? groups : active - 1;
    else if (e.key === 'Escape') active = 0;
    else return;
    e.preventDefault();
    ex.dataset.active = String(active);
    applyGroup();
    var first = ex.querySelector('.box[data-group="' + active + '"]');
    if (first) first.scrollIntoView({ block: 'nearest' });
  });

  // The row gets a border once it sticks to the top.
  if (row && 'IntersectionObserver' in window) {
    var sentinel = document.createElement('div');
    row.parentNode.insertBefore(sentinel, row);
    new IntersectionObserver(function (entries) {
      row.classList.toggle('stuck', !entries[0].isIntersecting);
    }).observe(sentinel);
  }

  var pending = false;
  function redraw() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; draw(); });
  }
  draw();
  if ('ResizeObserver' in window) new ResizeObserver(redraw).observe(ex);
  else window.addEventListener('resize', redraw);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(redraw);
  ex.dataset.drawn = 'true';
})();
