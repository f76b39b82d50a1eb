// explain's page script: the theme toggle, the command box, and on an explanation the
// connector lines, highlighting, focus and stepping through the commands. The page works
// without it: every line is followed by its boxes, numbered and coloured like its parts.
(function () {
  'use strict';
  var root = document.documentElement;
  var SVG = 'http://www.w3.org/2000/svg';
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var finepointer = window.matchMedia && window.matchMedia('(hover: hover) and (pointer: fine)').matches;

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

  // The command box grows with its content. Enter explains a one-line command; once the box
  // holds a script, Enter adds a line; Ctrl+Enter (⌘+Enter) always explains.
  var cmd = document.getElementById('cmd');
  if (cmd) {
    var grow = function () {
      cmd.style.height = 'auto';
      cmd.style.height = cmd.scrollHeight + 2 + 'px';
    };
    cmd.addEventListener('input', grow);
    cmd.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter' || e.isComposing || e.shiftKey || e.altKey) return;
      if (e.ctrlKey || e.metaKey || cmd.value.indexOf('\n') < 0) {
        e.preventDefault();
        if (cmd.value.trim()) cmd.form.requestSubmit ? cmd.form.requestSubmit() : cmd.form.submit();
      }
    });
    grow();
  }

  var ex = document.getElementById('explanation');
  if (!ex) return;
  var source = document.getElementById('command');
  var parts = Array.prototype.slice.call(source.querySelectorAll('.part[data-box]'));
  var boxes = {};
  each(ex.querySelectorAll('.box'), function (b) { boxes[b.dataset.box] = b; });
  // The first part of each box: the one its connector leaves from.
  var firstPart = {};
  parts.forEach(function (p) { if (!firstPart[p.dataset.box]) firstPart[p.dataset.box] = p; });

  // Each source line is a block; the server puts it in one row with the boxes first used on
  // it. A line too long for the width is cut here into one row per visual line, each with its
  // own boxes under it, so that every connector stays in the space of its own row.
  var blocks = Array.prototype.slice.call(source.querySelectorAll('.block')).map(function (el) {
    var row = el.querySelector('.row');
    var ol = row.querySelector('.boxes');
    return {
      el: el, row: row, pre: row.querySelector('.line'),
      nodes: Array.prototype.slice.call(row.querySelector('.line').childNodes),
      boxes: ol ? Array.prototype.slice.call(ol.children) : [],
    };
  });

  function emptyRow(template) {
    var row = document.createElement('div');
    row.className = 'row cut';
    var pre = document.createElement('pre');
    pre.className = template.className + ' cont';
    pre.removeAttribute('data-n');
    row.appendChild(pre);
    return row;
  }

  function boxesOf(row) {
    var wrap = row.querySelector('.boxes-wrap');
    if (wrap) return wrap.querySelector('.boxes');
    wrap = document.createElement('div');
    wrap.className = 'boxes-wrap';
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'connectors');
    svg.setAttribute('aria-hidden', 'true');
    var ol = document.createElement('ol');
    ol.className = 'boxes';
    wrap.appendChild(svg);
    wrap.appendChild(ol);
    row.appendChild(wrap);
    return ol;
  }

  // Puts a block back as the server sent it: one row, all its parts, all its boxes.
  function restore(b) {
    each(b.el.querySelectorAll('.row.cut'), function (r) { r.parentNode.removeChild(r); });
    b.nodes.forEach(function (n) { b.pre.appendChild(n); });
    if (b.boxes.length) {
      var ol = boxesOf(b.row);
      b.boxes.forEach(function (x) { ol.appendChild(x); });
    }
  }

  // Cuts a block into rows where the browser wrapped it (words never break inside): the words
  // from the first one on a lower line move to a new row, which is cut again if it still wraps.
  function cut(b) {
    var rows = [b.row];
    var pre = b.pre;
    for (;;) {
      var words = pre.querySelectorAll('.word');
      var top = null;
      var next = null;
      for (var i = 0; i < words.length && !next; i++) {
        var r = words[i].getClientRects()[0];
        if (!r) continue;
        if (top === null) top = r.top;
        else if (r.top > top + 4) next = words[i];
      }
      if (!next) break;
      var row = emptyRow(b.pre);
      while (next) {
        var after = next.nextSibling;
        row.firstChild.appendChild(next);
        next = after;
      }
      b.el.appendChild(row);
      rows.push(row);
      pre = row.firstChild;
    }
    if (rows.length < 2) return;
    b.boxes.forEach(function (box) {
      var first = firstPart[box.dataset.box];
      var row = first && first.closest('.row');
      if (row && row !== b.row && row.parentNode === b.el) boxesOf(row).appendChild(box);
    });
    var ol = b.row.querySelector('.boxes');
    if (ol && !ol.children.length) b.row.removeChild(ol.parentNode);
  }

  // In each row, a line goes down from a part to the level of its box, right to the box's lane
  // in the gutter, down the lane and left into the box. The row's boxes are in the order of
  // their first parts; the first gets the deepest level and the innermost lane, so no two lines
  // cross. A box's connector leaves from its first part, and from each part right after it
  // that shares the box; a later part of the same box carries its number only.
  function drawRow(row, laneStep) {
    var wrap = row.querySelector('.boxes-wrap');
    if (!wrap) return;
    var svg = wrap.querySelector('.connectors');
    var list = Array.prototype.slice.call(wrap.querySelectorAll('.box'));
    var n = list.length;
    var levelStep = Math.max(3, Math.min(8, 120 / Math.max(n, 1)));
    wrap.style.setProperty('--levels', Math.round(n * levelStep + 12) + 'px');
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var base = wrap.getBoundingClientRect();
    svg.setAttribute('width', String(Math.round(base.width)));
    svg.setAttribute('height', String(Math.round(base.height)));
    var pre = row.querySelector('.line');
    var view = pre.getBoundingClientRect();
    var index = {};
    list.forEach(function (box, i) { index[box.dataset.box] = i; });
    var previous = null;
    each(pre.querySelectorAll('.part'), function (part) {
      var number = part.dataset.box;
      var here = number !== undefined && index[number] !== undefined;
      var joins = here && (firstPart[number] === part || previous === number);
      if (number !== undefined) previous = number;
      if (!joins) return;
      var i = index[number];
      var box = boxes[number];
      var p = part.getBoundingClientRect();
      var b = box.getBoundingClientRect();
      // A part scrolled out of its line (a word longer than the line) keeps only its number.
      var mid = p.left + p.width / 2;
      if (mid < view.left || mid > view.right) return;
      var x0 = mid - base.left;
      var y0 = 1;
      var level = 6 + (n - 1 - i) * levelStep;
      var right = b.right - base.left;
      var lane = right + 10 + i * laneStep;
      var yBox = b.top - base.top + Math.min(16, b.height / 2);
      var d = 'M' + x0.toFixed(1) + ' ' + y0.toFixed(1) +
        ' V' + level.toFixed(1) + ' H' + lane.toFixed(1) +
        ' V' + yBox.toFixed(1) + ' H' + right.toFixed(1);
      var colour = box.classList[1] || '';
      var path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', d);
      path.setAttribute('class', colour);
      path.dataset.box = number;
      path.dataset.part = part.id;
      path.dataset.group = part.dataset.group;
      svg.appendChild(path);
      var dot = document.createElementNS(SVG, 'circle');
      dot.setAttribute('cx', x0.toFixed(1));
      dot.setAttribute('cy', y0.toFixed(1));
      dot.setAttribute('r', '2.5');
      dot.setAttribute('class', colour);
      dot.dataset.box = number;
      dot.dataset.group = part.dataset.group;
      svg.appendChild(dot);
    });
  }

  var lastWidth = -1;
  function layout(force) {
    var width = source.clientWidth;
    if (!force && width === lastWidth) return;
    lastWidth = width;
    blocks.forEach(restore);
    blocks.forEach(cut);
    var rows = Array.prototype.slice.call(source.querySelectorAll('.row'));
    var most = 0;
    rows.forEach(function (r) { most = Math.max(most, r.querySelectorAll('.box').length); });
    var laneStep = Math.max(3, Math.min(9, (width * 0.2) / Math.max(most, 1)));
    ex.style.setProperty('--gutter', most ? Math.round(most * laneStep + 16) + 'px' : '0px');
    rows.forEach(function (r) { drawRow(r, laneStep); });
    highlight(current);
    applyGroup();
  }

  // Hovering or focusing a part or a box highlights the pair (and every part sharing the box).
  var current = null;
  function highlight(number) {
    current = number;
    each(ex.querySelectorAll('.hl'), function (e) { e.classList.remove('hl'); });
    each(ex.querySelectorAll('.connectors'), function (s) { s.classList.toggle('has-hl', !!number); });
    if (number) each(ex.querySelectorAll('[data-box="' + number + '"]'), function (e) { e.classList.add('hl'); });
  }
  parts.concat(Object.keys(boxes).map(function (k) { return boxes[k]; })).forEach(function (el) {
    el.addEventListener('mouseenter', function () { highlight(el.dataset.box); });
    el.addEventListener('mouseleave', function () { highlight(null); });
  });
  parts.forEach(function (part) {
    part.addEventListener('focus', function () { highlight(part.dataset.box); });
    part.addEventListener('blur', function () { highlight(null); });
    var open = function () {
      var box = boxes[part.dataset.box];
      if (box) box.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    };
    part.addEventListener('click', open);
    part.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); }
    });
  });

  // Stepping through the simple commands, then the shell syntax, then everything again: with
  // the buttons, or ← and → (Esc shows everything).
  var steps = document.getElementById('steps');
  var showing = document.getElementById('showing');
  var names = {};
  var order = [''];
  if (steps) {
    each(steps.querySelectorAll('.group-names li'), function (li) {
      names[li.dataset.group] = li.textContent;
      order.push(li.dataset.group);
    });
    steps.hidden = false;
    var hint = document.getElementById('hint');
    if (hint && finepointer) hint.hidden = false;
  }
  function applyGroup() {
    var active = ex.dataset.active || '';
    each(ex.querySelectorAll('[data-group]'), function (e) {
      if (e.tagName === 'LI' && e.parentNode.classList.contains('group-names')) return;
      e.classList.toggle('dim', active !== '' && e.dataset.group !== active);
    });
    if (showing) {
      var count = order.length - 1;
      showing.textContent = active === ''
        ? 'showing: everything'
        : 'showing: ' + names[active] + ' (' + order.indexOf(active) + ' of ' + count + ')';
    }
  }
  function step(by) {
    if (order.length < 2) return;
    var at = order.indexOf(ex.dataset.active || '');
    var next = (at + by + order.length) % order.length;
    ex.dataset.active = order[next];
    applyGroup();
    var first = ex.querySelector('.box[data-group="' + order[next] + '"]');
    if (first && order[next] !== '') first.scrollIntoView({ block: 'nearest' });
  }
  if (steps) {
    document.getElementById('step-prev').addEventListener('click', function () { step(-1); });
    document.getElementById('step-next').addEventListener('click', function () { step(1); });
  }
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
    if (e.altKey || e.ctrlKey || e.metaKey || !steps) return;
    if (e.key === 'ArrowRight') step(1);
    else if (e.key === 'ArrowLeft') step(-1);
    else if (e.key === 'Escape') { ex.dataset.active = ''; applyGroup(); }
    else return;
    e.preventDefault();
  });

  var pending = false;
  function redraw(force) {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; layout(force); });
  }
  layout(true);
  if ('ResizeObserver' in window) new ResizeObserver(function () { redraw(false); }).observe(source);
  else window.addEventListener('resize', function () { redraw(false); });
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(function () { redraw(true); });
  each(source.querySelectorAll('.line'), function (pre) {
    pre.addEventListener('scroll', function () { redraw(true); }, { passive: true });
  });
  ex.dataset.drawn = 'true';
})();
