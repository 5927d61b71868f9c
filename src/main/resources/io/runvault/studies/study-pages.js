// Draws one study figure from the JSON in #study-data as SVG. Self-contained: no library, no request.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('study-data').textContent);
  var figure = document.getElementById('figure');
  var controls = document.getElementById('controls');
  var note = document.getElementById('note');
  var tip = document.getElementById('tip');
  var SVG = 'http://www.w3.org/2000/svg';
  var maximize = data.direction === 'maximize';
  var finished = data.trials.filter(function (t) { return t.value !== null && (t.state === 'COMPLETE' || t.state === 'PRUNED'); });
  var complete = finished.filter(function (t) { return t.state === 'COMPLETE'; });

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function text(parent, x, y, s, anchor, extra) {
    var t = el('text', Object.assign({ x: x, y: y, 'text-anchor': anchor || 'middle' }, extra || {}), parent);
    t.textContent = s;
    return t;
  }
  function fmt(v) {
    if (typeof v !== 'number') { return String(v); }
    var a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : String(Math.round(v * 1e4) / 1e4);
  }
  function describe(t) {
    var lines = ['trial ' + t.number + ' (' + t.state + ')', data.metric + ' = ' + (t.value === null ? 'none' : fmt(t.value))];
    Object.keys(t.params).forEach(function (k) { lines.push(k + ' = ' + fmt(t.params[k])); });
    return lines.join('\n');
  }
  function hover(node, content) {
    node.addEventListener('mousemove', function (ev) {
      tip.textContent = content;
      tip.hidden = false;
      tip.style.left = (ev.clientX + 14) + 'px';
      tip.style.top = (ev.clientY + 14) + 'px';
    });
    node.addEventListener('mouseleave', function () { tip.hidden = true; });
  }
  function toggle(label, onChange) {
    var l = document.createElement('label');
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.addEventListener('change', function () { onChange(box.checked); });
    l.appendChild(box);
    l.appendChild(document.createTextNode(' ' + label));
    controls.appendChild(l);
    return box;
  }
  // A linear or log scale from [lo, hi] onto [a, b].
  function scale(lo, hi, a, b, log) {
    var f = log ? Math.log : function (v) { return v; };
    var l = f(lo), h = f(hi);
    if (!(h > l)) { l -= 0.5; h += 0.5; }
    return function (v) { return a + (f(v) - l) / (h - l) * (b - a); };
  }
  function ticks(lo, hi, log) {
    var out = [];
    for (var i = 0; i <= 4; i++) {
      out.push(log ? Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / 4) : lo + (hi - lo) * i / 4);
    }
    return out;
  }
  function extent(values) {
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    return values.length ? [lo, hi] : [0, 1];
  }
  function colour(v, lo, hi) { // better is darker blue, worse is light
    var s = hi > lo ? (v - lo) / (hi - lo) : 1;
    if (!maximize) { s = 1 - s; }
    return 'hsl(215,70%,' + Math.round(85 - 55 * s) + '%)';
  }
  function yAxis(svg, y, lo, hi, left, top, bottom, width, log) {
    ticks(lo, hi, log).forEach(function (v) {
      el('line', { x1: left, x2: left + width, y1: y(v), y2: y(v), class: 'grid' }, svg);
      text(svg, left - 6, y(v) + 4, fmt(v), 'end');
    });
    el('line', { x1: left, x2: left, y1: top, y2: bottom, class: 'axis', stroke: '#999' }, svg);
  }

  function history() {
    var log = false;
    function draw() {
      figure.textContent = '';
      var W = 900, H = 480, L = 80, R = 20, T = 20, B = 50;
      var svg = el('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, id: 'chart' }, figure);
      var positive = finished.map(function (t) { return t.value; }).filter(function (v) { return v > 0; });
      var useLog = log && positive.length > 0; // a log axis needs positive values
      var e = extent(useLog ? positive : finished.map(function (t) { return t.value; }));
      var x = scale(0, Math.max(1, data.trials.length - 1), L, W - R, false);
      var y = scale(e[0], e[1], H - B, T, useLog);
      yAxis(svg, y, e[0], e[1], L, T, H - B, W - L - R, useLog);
      text(svg, (L + W - R) / 2, H - 12, 'trial');
      text(svg, 16, H / 2, data.metric, 'middle', { transform: 'rotate(-90 16 ' + H / 2 + ')' });
      var best = null, path = '';
      finished.forEach(function (t) {
        if (useLog && !(t.value > 0)) { return; }
        if (t.state === 'COMPLETE' && (best === null || (maximize ? t.value > best : t.value < best))) { best = t.value; }
        if (best !== null) { path += (path ? 'L' : 'M') + x(t.number) + ',' + y(best); }
      });
      if (path) { el('path', { d: path, class: 'line', stroke: '#d62728', id: 'best-line' }, svg); }
      finished.forEach(function (t) {
        if (useLog && !(t.value > 0)) { return; }
        var c = el('circle', { cx: x(t.number), cy: y(t.value), r: 5, class: 'pt trial',
          fill: t.state === 'COMPLETE' ? '#1f77b4' : '#bbbbbb' }, svg);
        hover(c, describe(t));
      });
      note.textContent = finished.length ? 'Blue: completed trials; grey: pruned (their last reported value); red: best so far ('
        + (maximize ? 'maximize' : 'minimize') + ').' : 'No trial has a value yet.';
    }
    toggle('log scale', function (on) { log = on; draw(); });
    draw();
  }

  function importances() {
    figure.textContent = '';
    var imp = data.importances;
    if (!imp) { note.textContent = data.importanceNote || 'No importances.'; return; }
    var names = Object.keys(imp);
    var W = 900, row = 34, L = 200, R = 80, T = 20, H = T + names.length * row + 30;
    var svg = el('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, id: 'chart' }, figure);
    var max = Math.max.apply(null, names.map(function (n) { return imp[n]; }).concat([1e-12]));
    var x = scale(0, max, L, W - R, false);
    names.forEach(function (n, i) {
      var yy = T + i * row;
      text(svg, L - 8, yy + row / 2 + 4, n, 'end');
      var bar = el('rect', { x: L, y: yy + 6, width: Math.max(1, x(imp[n]) - L), height: row - 12, fill: '#1f77b4', class: 'bar' }, svg);
      text(svg, x(imp[n]) + 6, yy + row / 2 + 4, fmt(imp[n]), 'start');
      hover(bar, n + ': importance ' + fmt(imp[n]));
    });
    note.textContent = 'Share of the objective\'s variance explained by each parameter (random forest, as Optuna\'s fANOVA'
      + ' evaluator), over ' + complete.length + ' completed trials.';
  }

  function position(p, v) { // a parameter value on its axis: categorical choices by index
    return p.kind === 'categorical' ? p.choices.indexOf(String(v)) : v;
  }
  function paramScale(p, a, b, logOn) {
    if (p.kind === 'categorical') { return scale(0, Math.max(1, p.choices.length - 1), a, b, false); }
    return scale(p.low, p.high, a, b, logOn && p.log);
  }
  function paramTicks(p, logOn) {
    return p.kind === 'categorical' ? p.choices.map(function (c, i) { return [i, c]; })
      : ticks(p.low, p.high, logOn && p.log).map(function (v) { return [v, fmt(v)]; });
  }

  function slice() {
    var log = true;
    function draw() {
      figure.textContent = '';
      var cols = Math.min(3, Math.max(1, data.params.length)), PW = 320, PH = 260, G = 70;
      var rows = Math.ceil(data.params.length / cols);
      var W = cols * (PW + G) + 20, H = rows * (PH + G) + 20;
      var svg = el('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, id: 'chart' }, figure);
      var e = extent(finished.map(function (t) { return t.value; }));
      data.params.forEach(function (p, i) {
        var ox = 60 + (i % cols) * (PW + G), oy = 20 + Math.floor(i / cols) * (PH + G);
        var x = paramScale(p, ox, ox + PW, log), y = scale(e[0], e[1], oy + PH, oy, false);
        el('rect', { x: ox, y: oy, width: PW, height: PH, fill: 'none', stroke: '#ccc' }, svg);
        paramTicks(p, log).forEach(function (tk) { text(svg, x(tk[0]), oy + PH + 16, tk[1]); });
        ticks(e[0], e[1], false).forEach(function (v) { text(svg, ox - 6, y(v) + 4, fmt(v), 'end'); });
        text(svg, ox + PW / 2, oy + PH + 36, p.name + (p.log && log ? ' (log)' : ''));
        finished.forEach(function (t) {
          if (!(p.name in t.params)) { return; }
          var c = el('circle', { cx: x(position(p, t.params[p.name])), cy: y(t.value), r: 5, class: 'pt trial',
            fill: t.state === 'COMPLETE' ? colour(t.number, 0, data.trials.length) : '#bbbbbb' }, svg);
          hover(c, describe(t));
        });
      });
      note.textContent = data.metric + ' against each parameter; darker points are later trials, grey ones pruned.';
    }
    var box = toggle('log axes for log-scale parameters', function (on) { log = on; draw(); });
    box.checked = true;
    draw();
  }

  function parallel() {
    var threshold = null;
    var W = 1000, H = 460, T = 30, B = 60, L = 70, R = 70;
    var axes = [{ name: data.metric, kind: 'objective' }].concat(data.params);
    var ev = extent(complete.map(function (t) { return t.value; }));
    function draw() {
      figure.textContent = '';
      var svg = el('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, id: 'chart' }, figure);
      var step = axes.length > 1 ? (W - L - R) / (axes.length - 1) : 0;
      var scales = axes.map(function (a, i) {
        var x = L + i * step;
        var s = a.kind === 'objective' ? scale(ev[0], ev[1], H - B, T, false) : paramScale(a, H - B, T, true);
        el('line', { x1: x, x2: x, y1: T, y2: H - B, stroke: '#999' }, svg);
        text(svg, x, H - B + 36, a.name);
        var tks = a.kind === 'objective' ? ticks(ev[0], ev[1], false).map(function (v) { return [v, fmt(v)]; }) : paramTicks(a, true);
        tks.forEach(function (tk) { text(svg, x - 4, s(tk[0]) + 4, tk[1], 'end'); });
        return function (t) { return [x, s(a.kind === 'objective' ? t.value : position(a, t.params[a.name]))]; };
      });
      complete.forEach(function (t) {
        var d = scales.map(function (f, i) { var p = f(t); return (i ? 'L' : 'M') + p[0] + ',' + p[1]; }).join('');
        var kept = threshold === null || (maximize ? t.value >= threshold : t.value <= threshold);
        var shade = colour(t.value, ev[0], ev[1]);
        var line = el('path', { d: d, class: 'line trial' + (kept ? '' : ' faded'), stroke: shade }, svg);
        hover(line, describe(t));
        scales.forEach(function (f) { // a point where the trial crosses each axis: easier to hover than a line
          var p = f(t);
          hover(el('circle', { cx: p[0], cy: p[1], r: 4, class: 'pt' + (kept ? '' : ' faded'), fill: shade }, svg), describe(t));
        });
      });
      note.textContent = complete.length + ' completed trials; darker lines are better. '
        + (threshold === null ? '' : 'Showing trials with ' + data.metric + (maximize ? ' >= ' : ' <= ') + fmt(threshold) + '.');
    }
    if (complete.length > 1) {
      var l = document.createElement('label');
      l.textContent = 'only the best trials: ';
      var range = document.createElement('input');
      range.type = 'range';
      range.min = 0;
      range.max = 100;
      range.value = 0;
      range.id = 'filter';
      range.addEventListener('input', function () {
        var share = Number(range.value) / 100;
        threshold = share === 0 ? null : (maximize ? ev[0] + (ev[1] - ev[0]) * share : ev[1] - (ev[1] - ev[0]) * share);
        draw();
      });
      l.appendChild(range);
      controls.appendChild(l);
    }
    draw();
  }

  ({ optimization_history: history, param_importances: importances, slice: slice, parallel_coordinate: parallel })[data.figure]();
}());
