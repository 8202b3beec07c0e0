/* newsevents dashboard: timeline, dyad chart, actor network and event table over the JSON API.
 *
 * No dependencies. Every string from the store (scraped text, names, URLs) reaches the page
 * through textContent or an attribute set with setAttribute — never as HTML. Links are made
 * only for http(s) URLs. The view (filters, period, page, open event or article) lives in
 * the URL's query string, so a view can be bookmarked and shared.
 */
(() => {
  'use strict';

  const FILTERS = ['text', 'actor', 'dyad', 'undirected', 'type', 'quad_class', 'modality',
    'country', 'place', 'since', 'until', 'cameo', 'doc_id', 'story'];
  const VIEW = ['by', 'group', 'count', 'order', 'offset', 'a', 'b', 'event', 'doc', 'stories'];
  const DEFAULTS = { by: 'week', group: 'quad', count: 'events', order: '-date', offset: '0',
    stories: 'latest' };
  const PAGE = 25;
  const QUADS = {
    1: { name: 'Verbal cooperation', color: '#6cc3a0' },
    2: { name: 'Material cooperation', color: '#1f8a5c' },
    3: { name: 'Verbal conflict', color: '#f0a04b' },
    4: { name: 'Material conflict', color: '#d64541' },
  };
  // PLOVER types from cooperation to conflict, coloured along the same scale.
  const TYPES = [
    ['AGREE', '#9ad0b5', 1], ['CONSULT', '#6cc3a0', 1], ['SUPPORT', '#3fae84', 1],
    ['CONCEDE', '#5b9bd5', 2], ['COOPERATE', '#1f8a5c', 2], ['AID', '#16664a', 2],
    ['RETREAT', '#7d8fb3', 2], ['REQUEST', '#c9b458', 3], ['ACCUSE', '#f0a04b', 3],
    ['REJECT', '#e0803a', 3], ['THREATEN', '#d9622b', 3], ['PROTEST', '#b8860b', 4],
    ['SANCTION', '#c0504d', 4], ['MOBILIZE', '#9b3d6b', 4], ['COERCE', '#a52a2a', 4],
    ['ASSAULT', '#6e1414', 4],
  ];
  const TYPE_COLOR = Object.fromEntries(TYPES.map(([t, c]) => [t, c]));
  const TYPE_QUAD = Object.fromEntries(TYPES.map(([t, , q]) => [t, q]));
  const SVG = 'http://www.w3.org/2000/svg';

  let state = readState();
  let network = null; // the last /api/dyads answer, for the dyad chart's default pair
  // Per part of the page, the number of its latest load: a slow old answer never
  // overwrites a newer one.
  const tickets = { timeline: 0, table: 0, network: 0, dyad: 0 };
  const ALL = ['timeline', 'table', 'network', 'dyad', 'doc', 'stories', 'map'];
  // What a change of each view setting needs reloaded (a filter reloads everything).
  const PARTS = { by: ['timeline', 'dyad'], group: ['timeline'], count: ['timeline', 'dyad'],
    a: ['dyad'], b: ['dyad'], offset: ['table'], order: ['table'], event: ['table'], doc: ['doc'],
    stories: ['stories'] };

  // -- state <-> URL -------------------------------------------------------------------

  function readState() {
    const params = new URLSearchParams(window.location.search);
    const s = { ...DEFAULTS };
    for (const key of [...FILTERS, ...VIEW]) {
      const value = params.get(key);
      if (value !== null && value !== '') s[key] = value;
    }
    return s;
  }

  function writeState(push) {
    const params = new URLSearchParams();
    for (const key of [...FILTERS, ...VIEW]) {
      const value = state[key];
      if (value !== undefined && value !== '' && value !== DEFAULTS[key]) params.set(key, value);
    }
    const query = params.toString();
    const url = window.location.pathname + (query ? '?' + query : '');
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }

  /** Change filters (or view settings) and reload what depends on them. */
  function update(changes, { resetPage = true } = {}) {
    const before = { ...state };
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === '') delete state[key];
      else state[key] = String(value);
    }
    if (resetPage) state.offset = '0';
    const changed = [...FILTERS, ...VIEW].filter((k) => before[k] !== state[k]);
    if (!changed.length) return;
    writeState(true);
    const parts = new Set();
    for (const key of changed) (PARTS[key] || ALL).forEach((part) => parts.add(part));
    refresh([...parts]);
  }

  function filterParams(except = []) {
    const out = {};
    for (const key of FILTERS) {
      if (!except.includes(key) && state[key]) out[key] = state[key];
    }
    return out;
  }

  // -- DOM helpers -------------------------------------------------------------------------

  /** An HTML element; children are nodes or strings (always text). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs = {}, ...children) {
    const node = document.createElementNS(SVG, tag);
    setAttrs(node, attrs);
    for (const child of children.flat(Infinity)) {
      if (child) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function setAttrs(node, attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'text') node.textContent = String(value);
      // Through the CSSOM: the page's CSP forbids style attributes.
      else if (key === 'style') Object.assign(node.style, value);
      else node.setAttribute(key, String(value));
    }
  }

  function tooltip(text) {
    return svg('title', {}, text);
  }

  /** A link only for http(s) URLs; anything else (javascript:, data:) stays text. */
  function safeLink(url, label) {
    try {
      const parsed = new URL(url, window.location.href);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
        return el('a', { href: parsed.href, target: '_blank', rel: 'noopener noreferrer' }, label);
      }
    } catch (e) { /* not a URL: shown as nothing */ }
    return null;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  const $ = (id) => document.getElementById(id);
  const fmt = (n) => Number(n).toLocaleString('en');

  async function api(path, params = {}) {
    const query = new URLSearchParams(params).toString();
    const response = await fetch(path + (query ? '?' + query : ''));
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const detail = body && body.detail;
      throw new Error(typeof detail === 'string' ? detail : response.statusText);
    }
    return body;
  }

  function showError(error) {
    const box = $('error');
    if (!error) { box.hidden = true; return; }
    box.hidden = false;
    box.textContent = String(error.message || error);
  }

  // -- periods -----------------------------------------------------------------------------

  function parseDay(iso) {
    const [y, m, d] = iso.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  const isoDay = (date) => date.toISOString().slice(0, 10);

  function nextPeriod(date, by) {
    const d = new Date(date.getTime());
    if (by === 'day') d.setUTCDate(d.getUTCDate() + 1);
    else if (by === 'week') d.setUTCDate(d.getUTCDate() + 7);
    else if (by === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCFullYear(d.getUTCFullYear() + 1);
    return d;
  }

  /** The first and last day of the period starting on ``iso``. */
  function periodBounds(iso, by) {
    const start = parseDay(iso);
    const end = nextPeriod(start, by);
    end.setUTCDate(end.getUTCDate() - 1);
    return [isoDay(start), isoDay(end)];
  }

  function periodLabel(iso, by) {
    if (by === 'year') return iso.slice(0, 4);
    if (by === 'month') return iso.slice(0, 7);
    return iso;
  }

  /** Every period from the first to the last in ``rows``, so that gaps show as gaps. */
  function allPeriods(rows, by) {
    if (!rows.length) return [];
    const sorted = rows.map((r) => r.period).sort();
    const out = [];
    let d = parseDay(sorted[0]);
    const last = parseDay(sorted[sorted.length - 1]);
    while (d <= last && out.length < 5000) {
      out.push(isoDay(d));
      d = nextPeriod(d, by);
    }
    return out;
  }

  // -- status ------------------------------------------------------------------------------

  let generation = null; // which copy of the store the page shows

  async function loadStatus() {
    const s = await api('/api/status');
    generation = s.generation;
    const taken = s.taken_at ? new Date(s.taken_at).toLocaleTimeString() : '-';
    $('status').textContent = `${fmt(s.events)} events · ${fmt(s.documents)} articles · `
      + `data as of ${taken}`;
  }

  // -- timeline ----------------------------------------------------------------------------

  function groupColor(group, key) {
    return group === 'quad' ? (QUADS[key] || {}).color || '#999' : TYPE_COLOR[key] || '#999';
  }
  function groupName(group, key) {
    return group === 'quad' ? (QUADS[key] || {}).name || String(key) : String(key);
  }
  function groupOrder(group) {
    return group === 'quad' ? [1, 2, 3, 4] : TYPES.map(([t]) => t);
  }

  async function loadTimeline(ticket) {
    const by = state.by;
    const group = state.group === 'type' ? 'type' : 'quad';
    const data = await api('/api/stats', {
      ...filterParams(), by, group, count: state.count, top: 0, summary: false,
    });
    if (ticket !== tickets.timeline) return;
    const box = clear($('timeline'));
    const left = data.undrawn;
    $('timeline-note').textContent = left > 0
      ? `· not drawn: ${fmt(left)} ${left === 1 ? 'event' : 'events'} dated only to a longer period than a ${by}`
      : '';
    drawLegend($('timeline-legend'), group, data.series);
    if (!data.series.length) {
      box.append(el('div', { class: 'empty' }, 'No dated events match these filters.'));
      return;
    }
    const periods = allPeriods(data.series, by);
    const stacks = new Map(periods.map((p) => [p, new Map()]));
    for (const row of data.series) stacks.get(row.period).set(row.group, row.count);
    const width = Math.max(box.clientWidth, 320);
    const height = 246;
    const m = { top: 10, right: 10, bottom: 42, left: 58 };
    const innerW = width - m.left - m.right;
    const innerH = height - m.top - m.bottom;
    const max = Math.max(1, ...[...stacks.values()].map((s) => [...s.values()].reduce((a, b) => a + b, 0)));
    const step = innerW / periods.length;
    const barW = Math.max(1, Math.min(step * 0.85, 60));
    const y = (v) => m.top + innerH - (v / max) * innerH;
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height });
    drawYAxis(chart, max, y, m.left, width - m.right);
    const order = groupOrder(group);
    periods.forEach((period, i) => {
      const x = m.left + i * step + (step - barW) / 2;
      let base = 0;
      const stack = stacks.get(period);
      for (const key of order) {
        const n = stack.get(key);
        if (!n) continue;
        const [since, until] = periodBounds(period, by);
        const filter = group === 'quad' ? { quad_class: key } : { type: key };
        chart.append(svg('rect', {
          class: 'bar', x, y: y(base + n), width: barW, height: Math.max(1, y(base) - y(base + n)),
          fill: groupColor(group, key), 'data-period': period, 'data-group': key, 'data-count': n,
          onclick: () => update({ since, until, ...filter }),
        }, tooltip(`${periodLabel(period, by)} · ${groupName(group, key)}: ${fmt(n)}`)));
        base += n;
      }
    });
    drawXLabels(chart, periods, by, (i) => m.left + i * step + step / 2, height - 24, innerW);
    axisTitles(chart, width, height, m, { x: periodTitle(by), y: `${countName()} per ${by}` });
    box.append(chart);
  }

  const COUNT_NAMES = { events: 'events', clusters: 'happenings', stories: 'stories' };
  const countName = () => COUNT_NAMES[state.count] || 'events';
  const periodTitle = (by) => (by === 'day' || by === 'year' ? by : `${by} starting`);

  /** Axis titles: ``x`` under the chart, ``y`` up its left side, ``right`` down its right. */
  function axisTitles(chart, width, height, m, { x, y, right }) {
    const g = svg('g', { class: 'axis' });
    const midY = m.top + (height - m.top - m.bottom) / 2;
    if (x) {
      g.append(svg('text', { class: 'axis-title', x: m.left + (width - m.left - m.right) / 2,
        y: height - 4, 'text-anchor': 'middle' }, x));
    }
    if (y) {
      g.append(svg('text', { class: 'axis-title', x: 12, y: midY, 'text-anchor': 'middle',
        transform: `rotate(-90 12 ${midY})` }, y));
    }
    if (right) {
      const rx = width - 8;
      g.append(svg('text', { class: 'axis-title', x: rx, y: midY, 'text-anchor': 'middle',
        transform: `rotate(90 ${rx} ${midY})` }, right));
    }
    chart.append(g);
  }

  function drawYAxis(chart, max, y, x0, x1, min = 0) {
    const ticks = niceTicks(min, max);
    const g = svg('g', { class: 'grid axis' });
    for (const t of ticks) {
      g.append(svg('line', { x1: x0, x2: x1, y1: y(t), y2: y(t) }));
      g.append(svg('text', { x: x0 - 6, y: y(t) + 4, 'text-anchor': 'end' }, fmt(Math.abs(t))));
    }
    chart.append(g);
  }

  function niceTicks(min, max) {
    const span = max - min || 1;
    const raw = span / 4;
    const mag = 10 ** Math.floor(Math.log10(raw));
    // Counts: whole steps only (no "0.5 events").
    const step = Math.max(1, [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw) || raw);
    const ticks = [];
    for (let t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
    return ticks;
  }

  function drawXLabels(chart, periods, by, xOf, yPos, innerW) {
    const room = Math.max(1, Math.floor(innerW / 80));
    const every = Math.max(1, Math.ceil(periods.length / room));
    const g = svg('g', { class: 'axis' });
    periods.forEach((p, i) => {
      if (i % every === 0) {
        g.append(svg('text', { x: xOf(i), y: yPos, 'text-anchor': 'middle' }, periodLabel(p, by)));
      }
    });
    chart.append(g);
  }

  function drawLegend(box, group, series) {
    clear(box);
    const present = new Set(series.map((r) => r.group));
    for (const key of groupOrder(group)) {
      if (group === 'type' && !present.has(key)) continue;
      const filter = group === 'quad' ? { quad_class: key } : { type: key };
      box.append(el('span', { class: 'legend-item', title: 'show only these', style: { cursor: 'pointer' },
        onclick: () => update(filter) },
      el('i', { style: { background: groupColor(group, key) } }), groupName(group, key)));
    }
  }

  // -- dyad chart --------------------------------------------------------------------------

  async function loadDyad(ticket) {
    let a = state.a;
    let b = state.b;
    if (!a || !b) {
      const top = network && network.dyads.find((d) => d.source.slice(0, 3) !== d.target.slice(0, 3));
      const first = top || (network && network.dyads[0]);
      if (first) { a = a || first.source; b = b || first.target; }
    }
    $('dyad-a').value = a || '';
    $('dyad-b').value = b || '';
    const box = clear($('dyadchart'));
    const legend = clear($('dyad-legend'));
    if (!a || !b) {
      box.append(el('div', { class: 'empty' }, 'Choose two actors to compare.'));
      return;
    }
    const by = state.by;
    const dyad = `${a} - ${b}`;
    const data = await api('/api/stats', {
      ...filterParams(['actor', 'dyad', 'undirected']), dyad, undirected: true, by, group: 'quad', top: 0,
      count: state.count, summary: false,
    });
    if (ticket !== tickets.dyad) return;
    legend.append(
      el('span', {}, el('i', { style: { background: QUADS[2].color } }), `cooperation (${a} ⇄ ${b})`),
      el('span', {}, el('i', { style: { background: QUADS[4].color } }), 'conflict'),
      el('span', {}, el('i', { style: { background: '#1d2b44', height: '2px' } }), 'mean intensity (−10…+10)'),
    );
    if (!data.series.length) {
      box.append(el('div', { class: 'empty' }, `No dated events between ${a} and ${b}.`));
      return;
    }
    const periods = allPeriods(data.series, by);
    const coop = new Map();
    const conflict = new Map();
    const weighted = new Map();
    for (const r of data.series) {
      const target = r.group <= 2 ? coop : conflict;
      target.set(r.period, (target.get(r.period) || 0) + r.count);
      const [n, s] = weighted.get(r.period) || [0, 0];
      weighted.set(r.period, [n + r.count, s + r.count * (r.mean_intensity || 0)]);
    }
    const width = Math.max(box.clientWidth, 280);
    const height = 256;
    const m = { top: 10, right: 54, bottom: 42, left: 58 };
    const innerW = width - m.left - m.right;
    const innerH = height - m.top - m.bottom;
    const max = Math.max(1, ...coop.values(), ...conflict.values());
    const mid = m.top + innerH / 2;
    const y = (v) => mid - (v / max) * (innerH / 2);
    const step = innerW / periods.length;
    const barW = Math.max(1, Math.min(step * 0.8, 40));
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height });
    drawYAxis(chart, max, y, m.left, width - m.right, -max);
    const points = [];
    periods.forEach((period, i) => {
      const x = m.left + i * step + (step - barW) / 2;
      const [since, until] = periodBounds(period, by);
      const label = periodLabel(period, by);
      const up = coop.get(period) || 0;
      const down = conflict.get(period) || 0;
      if (up) {
        chart.append(svg('rect', { class: 'bar', x, y: y(up), width: barW, height: mid - y(up),
          fill: QUADS[2].color, 'data-period': period, 'data-group': 'cooperation',
          onclick: () => update({ dyad, undirected: 'true', since, until, quad_class: '1,2' }) },
        tooltip(`${label} · cooperation: ${fmt(up)}`)));
      }
      if (down) {
        chart.append(svg('rect', { class: 'bar', x, y: mid, width: barW, height: y(-down) - mid,
          fill: QUADS[4].color, 'data-period': period, 'data-group': 'conflict',
          onclick: () => update({ dyad, undirected: 'true', since, until, quad_class: '3,4' }) },
        tooltip(`${label} · conflict: ${fmt(down)}`)));
      }
      const w = weighted.get(period);
      if (w && w[0]) {
        const mean = w[1] / w[0];
        points.push([m.left + i * step + step / 2, mid - (mean / 10) * (innerH / 2), mean, label]);
      }
    });
    chart.append(svg('line', { x1: m.left, x2: width - m.right, y1: mid, y2: mid, stroke: '#8a93a6' }));
    if (points.length > 1) {
      chart.append(svg('polyline', { points: points.map((p) => `${p[0]},${p[1]}`).join(' '),
        fill: 'none', stroke: '#1d2b44', 'stroke-width': 1.6 }));
    }
    for (const [px, py, mean, label] of points) {
      chart.append(svg('circle', { cx: px, cy: py, r: 2.8, fill: '#1d2b44' },
        tooltip(`${label} · mean intensity ${mean.toFixed(1)}`)));
    }
    const axis = svg('g', { class: 'axis' });
    axis.append(svg('text', { x: width - m.right + 4, y: m.top + 8 }, '+10'));
    axis.append(svg('text', { x: width - m.right + 4, y: mid + 4 }, '0'));
    axis.append(svg('text', { x: width - m.right + 4, y: m.top + innerH }, '−10'));
    chart.append(axis);
    drawXLabels(chart, periods, by, (i) => m.left + i * step + step / 2, height - 24, innerW);
    axisTitles(chart, width, height, m, { x: periodTitle(by),
      y: `${countName()}: ↑ cooperation · ↓ conflict`, right: 'mean intensity (Goldstein)' });
    box.append(chart);
  }

  // -- network -----------------------------------------------------------------------------

  function intensityColor(mean) {
    if (mean === null || mean === undefined) return '#8a93a6';
    if (mean >= 1) return mean >= 5 ? QUADS[2].color : QUADS[1].color;
    if (mean <= -1) return mean <= -5 ? QUADS[4].color : QUADS[3].color;
    return '#8a93a6';
  }

  /** A small force layout: nodes repel, edges pull, everything drifts to the centre. */
  function layout(nodes, edges, width, height) {
    const n = nodes.length;
    nodes.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / n;
      node.x = width / 2 + Math.cos(angle) * width * 0.3;
      node.y = height / 2 + Math.sin(angle) * height * 0.3;
    });
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.6;
    for (let iter = 0; iter < 300; iter++) {
      const t = 0.1 * (1 - iter / 300) + 0.01;
      const dx = new Float64Array(n);
      const dy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let ux = nodes[i].x - nodes[j].x;
          let uy = nodes[i].y - nodes[j].y;
          const d2 = Math.max(ux * ux + uy * uy, 1);
          const f = (k * k) / d2;
          ux *= f; uy *= f;
          dx[i] += ux; dy[i] += uy; dx[j] -= ux; dy[j] -= uy;
        }
      }
      for (const e of edges) {
        const i = index.get(e.source);
        const j = index.get(e.target);
        if (i === j) continue;
        const ux = nodes[i].x - nodes[j].x;
        const uy = nodes[i].y - nodes[j].y;
        const d = Math.max(Math.hypot(ux, uy), 1);
        const f = d / k;
        dx[i] -= ux * f; dy[i] -= uy * f; dx[j] += ux * f; dy[j] += uy * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] += (width / 2 - nodes[i].x) * 0.05;
        dy[i] += (height / 2 - nodes[i].y) * 0.05;
        const len = Math.max(Math.hypot(dx[i], dy[i]), 1e-9);
        const move = Math.min(len, t * width);
        nodes[i].x = Math.min(width - 40, Math.max(40, nodes[i].x + (dx[i] / len) * move));
        nodes[i].y = Math.min(height - 24, Math.max(20, nodes[i].y + (dy[i] / len) * move));
      }
    }
  }

  const measurer = document.createElement('canvas').getContext('2d');

  /** The width of a node label in ``font``, with its 1.5 px halo each side. */
  function labelWidth(text, font) {
    if (!measurer) return text.length * 8 + 4;
    measurer.font = font;
    return Math.ceil(measurer.measureText(text).width) + 4;
  }

  /** Where each node's label goes: below, above, right or left of it (then further out),
   * the first place that overlaps no label placed before, no other node and no edge of
   * the chart. Heavier nodes are placed first; a label with no room is left out (its node
   * keeps its tooltip). Widths are measured in the page's own font (a fixed guess per
   * character ran labels into each other where the browser's font is wider). */
  function placeLabels(nodes, radius, width, height) {
    const placed = new Map();
    const boxes = [];
    const font = `11px ${getComputedStyle(document.body).fontFamily}`;
    const circles = nodes.map((n) => [n.x, n.y, radius(n)]);
    const hitsCircle = (b) => circles.some(([cx, cy, r]) => cx + r > b.x0 && cx - r < b.x1
      && cy + r > b.y0 && cy - r < b.y1);
    const hitsLabel = (b) => boxes.some((o) => o.x0 < b.x1 && b.x0 < o.x1 && o.y0 < b.y1 && b.y0 < o.y1);
    for (const node of [...nodes].sort((p, q) => q.weight - p.weight)) {
      const r = radius(node);
      const w = labelWidth(node.id, font);
      const candidates = [];
      for (const far of [0, 12, 24]) {
        candidates.push({ x: node.x, y: node.y + r + 12 + far, anchor: 'middle' });
        candidates.push({ x: node.x, y: node.y - r - 4 - far, anchor: 'middle' });
        candidates.push({ x: node.x + r + 4 + far, y: node.y + 4, anchor: 'start' });
        candidates.push({ x: node.x - r - 4 - far, y: node.y + 4, anchor: 'end' });
      }
      for (const c of candidates) {
        const x0 = c.anchor === 'middle' ? c.x - w / 2 : c.anchor === 'start' ? c.x : c.x - w;
        const b = { x0, x1: x0 + w, y0: c.y - 11, y1: c.y + 2 };
        if (b.x0 < 0 || b.x1 > width || b.y0 < 0 || b.y1 > height) continue;
        if (hitsLabel(b) || hitsCircle(b)) continue;
        boxes.push(b);
        placed.set(node.id, c);
        break;
      }
    }
    return placed;
  }

  async function loadNetwork(ticket) {
    const data = await api('/api/dyads', { ...filterParams(), limit: 30 });
    if (ticket !== tickets.network) return;
    network = data;
    const box = clear($('network'));
    if (!data.dyads.length) {
      box.append(el('div', { class: 'empty' }, 'No events with both a source and a target.'));
      return;
    }
    const nodes = new Map();
    for (const d of data.dyads) {
      for (const [code, name] of [[d.source, d.source_name], [d.target, d.target_name]]) {
        const node = nodes.get(code) || { id: code, name, weight: 0 };
        node.weight += d.events;
        nodes.set(code, node);
      }
    }
    const list = [...nodes.values()].sort((p, q) => (p.id < q.id ? -1 : 1));
    const width = Math.max(box.clientWidth, 280);
    const height = 300;
    layout(list, data.dyads, width, height);
    const maxEdge = Math.max(...data.dyads.map((d) => d.events));
    const maxNode = Math.max(...list.map((node) => node.weight));
    const radius = (node) => 6 + 14 * Math.sqrt(node.weight / maxNode);
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height });
    const defs = svg('defs');
    for (const color of new Set(data.dyads.map((d) => intensityColor(d.mean_intensity)))) {
      // A fixed size: scaled with the stroke, the heads of thick edges hid short ones.
      defs.append(svg('marker', { id: `arrow-${color.slice(1)}`, viewBox: '0 0 10 10', refX: 9, refY: 5,
        markerWidth: 11, markerHeight: 11, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: color })));
    }
    chart.append(defs);
    const edges = svg('g');
    for (const d of data.dyads) {
      const s = nodes.get(d.source);
      const t = nodes.get(d.target);
      const color = intensityColor(d.mean_intensity);
      const width = 1.2 + 5 * Math.sqrt(d.events / maxEdge);
      let path;
      if (s === t) {
        const r = radius(s);
        path = `M${s.x + r * 0.6},${s.y - r * 0.8} C${s.x + r * 2.6},${s.y - r * 3} ${s.x - r * 2.6},${s.y - r * 3} ${s.x - r * 0.6},${s.y - r * 0.8}`;
      } else {
        // Curve each direction to its own side, so A→B and B→A stay apart.
        const dx = t.x - s.x;
        const dy = t.y - s.y;
        const len = Math.max(Math.hypot(dx, dy), 1);
        const rs = radius(s) + 2;
        const rt = radius(t) + 4;
        const x1 = s.x + (dx / len) * rs;
        const y1 = s.y + (dy / len) * rs;
        const x2 = t.x - (dx / len) * rt;
        const y2 = t.y - (dy / len) * rt;
        const bend = 0.12 * len;
        const cx = (x1 + x2) / 2 - (dy / len) * bend;
        const cy = (y1 + y2) / 2 + (dx / len) * bend;
        path = `M${x1},${y1} Q${cx},${cy} ${x2},${y2}`;
      }
      const sign = d.mean_intensity > 0 ? '+' : '';
      edges.append(svg('path', { class: 'edge', d: path, stroke: color, 'stroke-width': width,
        'marker-end': `url(#arrow-${color.slice(1)})`, 'data-source': d.source, 'data-target': d.target,
        onclick: () => update({ dyad: `${d.source}-${d.target}`, undirected: null }) },
      tooltip(`${d.source} → ${d.target}: ${fmt(d.events)} events (${fmt(d.cooperation)} cooperation, `
        + `${fmt(d.conflict)} conflict), mean intensity ${sign}${(d.mean_intensity || 0).toFixed(1)}`)));
    }
    chart.append(edges);
    const labels = placeLabels(list, radius, width, height);
    for (const node of list) {
      const r = radius(node);
      const label = labels.get(node.id);
      chart.append(svg('g', { class: label ? 'node' : 'node unlabelled', 'data-code': node.id,
        onclick: () => update({ actor: node.id }) },
      svg('circle', { cx: node.x, cy: node.y, r, fill: '#3d5a98' }),
      label ? svg('text', { x: label.x, y: label.y, 'text-anchor': label.anchor }, node.id) : null,
      tooltip(`${node.id}${node.name ? ' · ' + node.name : ''}: ${fmt(node.weight)} events shown`)));
    }
    const hidden = list.length - labels.size;
    $('network-note').textContent = hidden > 0
      ? `· ${fmt(hidden)} ${hidden === 1 ? 'label' : 'labels'} left out for room: hover the node` : '';
    box.append(chart);
  }

  // -- event table -------------------------------------------------------------------------

  /** The sentence as text nodes with <mark>s around trigger, source and target.
   * Offsets from the server count code points; JavaScript strings count UTF-16 units. */
  function markedSentence(sentence, marks) {
    const chars = Array.from(sentence);
    const out = [];
    let at = 0;
    for (const mark of marks || []) {
      if (mark.start < at || mark.end > chars.length) continue;
      out.push(chars.slice(at, mark.start).join(''));
      out.push(el('mark', { class: mark.role, title: mark.role }, chars.slice(mark.start, mark.end).join('')));
      at = mark.end;
    }
    out.push(chars.slice(at).join(''));
    return out;
  }

  function actorCell(actor) {
    if (!actor) return el('span', { class: 'muted' }, '–');
    return el('span', {}, el('span', { class: 'actor' }, actor.code || '?'),
      el('span', { class: 'actor-name' }, actor.name || actor.text));
  }

  function typeBadge(event) {
    return el('span', {}, el('span', { class: `type q${event.quad_class}`, title: QUADS[event.quad_class]
      ? QUADS[event.quad_class].name : '' }, event.type),
    el('span', { class: 'cameo' }, `CAMEO ${event.cameo} · ${event.intensity > 0 ? '+' : ''}${event.intensity}`));
  }

  async function loadTable(ticket) {
    const offset = Number(state.offset) || 0;
    const data = await api('/api/events', { ...filterParams(), limit: PAGE, offset, order: state.order });
    if (ticket !== tickets.table) return;
    const body = clear(document.querySelector('#events tbody'));
    $('table-title').textContent = `Events · ${fmt(data.total)} match`;
    $('page').textContent = data.total
      ? `${fmt(offset + 1)}–${fmt(Math.min(offset + PAGE, data.total))} of ${fmt(data.total)}` : '';
    // Every matching event, not just this page, with the table's filters (the store's export).
    for (const format of ['csv', 'parquet']) {
      const query = new URLSearchParams({ format, ...filterParams() }).toString();
      $(`download-${format}`).setAttribute('href', `/api/export?${query}`);
    }
    $('prev').disabled = offset <= 0;
    $('next').disabled = offset + PAGE >= data.total;
    if (!data.events.length) {
      body.append(el('tr', {}, el('td', { colspan: 6, class: 'empty' }, 'No events match these filters.')));
      return;
    }
    for (const event of data.events) {
      const doc = event.document || {};
      const link = doc.url ? safeLink(doc.url, 'source ↗') : null;
      const row = el('tr', { class: 'event', 'data-event': event.event_id, onclick: () => toggleDetail(event.event_id) },
        el('td', {}, event.date || '–', event.date_text ? el('span', { class: 'cameo' }, `“${event.date_text}”`) : null),
        el('td', {}, typeBadge(event)),
        el('td', {}, actorCell(event.source), el('span', { class: 'muted' }, ' → '), actorCell(event.target)),
        el('td', { class: 'evidence' }, markedSentence(event.sentence, event.marks),
          event.modality !== 'asserted' ? el('span', { class: `modality ${event.modality}` }, event.modality) : null),
        el('td', {}, event.location ? event.location.name : '–'),
        el('td', {}, el('button', { type: 'button', class: 'small secondary', title: doc.title || event.doc_id,
          onclick: (e) => { e.stopPropagation(); update({ doc: event.doc_id }, { resetPage: false }); } }, 'text'),
        link ? el('div', {}, link) : null));
      if (link) link.addEventListener('click', (e) => e.stopPropagation());
      body.append(row);
      if (state.event === event.event_id) showDetail(row, event.event_id);
    }
  }

  function toggleDetail(eventId) {
    update({ event: state.event === eventId ? null : eventId }, { resetPage: false });
  }

  async function showDetail(row, eventId) {
    row.classList.add('open');
    const cell = el('td', { colspan: 6 }, 'loading…');
    const detail = el('tr', { class: 'detail' }, cell);
    row.after(detail);
    let ev;
    try {
      ev = await api(`/api/events/${encodeURIComponent(eventId)}`);
    } catch (error) {
      cell.textContent = String(error.message || error);
      return;
    }
    clear(cell);
    const around = ev.surrounding || {};
    cell.append(el('p', {},
      around.before ? el('span', { class: 'context' }, around.before + ' ') : null,
      markedSentence(ev.sentence, ev.marks),
      around.after ? el('span', { class: 'context' }, ' ' + around.after) : null));
    const rows = [
      ['type', `${ev.type}${ev.mode ? ' (' + ev.mode + ')' : ''}; CAMEO ${ev.cameo}; quad class ${ev.quad_class}`],
      ['context', (ev.context || []).join(', ')],
      ['modality', ev.modality],
      ['date', `${ev.date || '–'} (${ev.date_precision || '–'})${ev.date_text ? ' from “' + ev.date_text + '”' : ''}`],
      ['place', ev.location ? `${ev.location.name}${ev.location.country ? ', ' + ev.location.country : ''}` : '–'],
      ['source', ev.source ? `${ev.source.code || '?'} · ${ev.source.name || ''} (“${ev.source.text}”)` : '–'],
      ['target', ev.target ? `${ev.target.code || '?'} · ${ev.target.name || ''} (“${ev.target.text}”)` : '–'],
      ['actors in sentence', (ev.mentions || []).map((m) => `${m.text} (${m.code || '?'})`).join('; ') || '–'],
      ['coder', `${ev.coder}; confidence ${ev.confidence}`],
      ['article', (ev.document && (ev.document.title || ev.document.id)) || ev.doc_id],
    ];
    cell.append(el('dl', {}, rows.filter(([, v]) => v).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
  }

  // -- document panel ----------------------------------------------------------------------

  async function loadDocument() {
    const panel = $('doc-panel');
    if (!state.doc) { panel.hidden = true; return; }
    panel.hidden = false;
    $('doc-title').textContent = 'loading…';
    clear($('doc-meta'));
    const text = clear($('doc-text'));
    let doc;
    try {
      doc = await api(`/api/documents/${encodeURIComponent(state.doc)}`);
    } catch (error) {
      $('doc-title').textContent = String(error.message || error);
      return;
    }
    $('doc-title').textContent = doc.title || doc.id;
    const link = doc.url ? safeLink(doc.url, doc.url) : null;
    $('doc-meta').append(
      [doc.source, doc.date, `${doc.events.length} events`].filter(Boolean).join(' · '));
    if (link) $('doc-meta').append(el('div', {}, link));
    // Mark the sentences that carry events, in the article's own text.
    const spans = [];
    for (const event of doc.events) {
      const at = doc.text.indexOf(event.sentence);
      if (at >= 0) spans.push([at, at + event.sentence.length, event.type]);
    }
    spans.sort((p, q) => p[0] - q[0]);
    let at = 0;
    for (const [start, end, type] of spans) {
      if (start < at) continue;
      text.append(doc.text.slice(at, start), el('mark', { title: type }, doc.text.slice(start, end)));
      at = end;
    }
    text.append(doc.text.slice(at));
  }

  // -- form and wiring ---------------------------------------------------------------------

  function fillForm() {
    const form = $('filters');
    const typeSelect = form.elements.type;
    if (typeSelect.options.length === 1) {
      for (const [t] of TYPES) typeSelect.append(el('option', { value: t }, t));
    }
    for (const key of FILTERS) {
      const field = form.elements[key];
      if (!field) continue;
      const value = state[key] || '';
      if (field.type === 'checkbox') {
        field.checked = value === 'true';
      } else if (field.tagName === 'SELECT') {
        if (value && ![...field.options].some((o) => o.value === value)) field.append(el('option', { value }, value));
        field.value = value;
      } else {
        field.value = value;
      }
    }
    $('by').value = state.by;
    $('group').value = state.group === 'type' ? 'type' : 'quad';
    $('count').value = state.count;
    $('order').value = state.order;
  }

  function drawChips() {
    const box = clear($('chips'));
    for (const key of FILTERS) {
      if (!state[key]) continue;
      const label = key === 'undirected' ? 'both ways' : `${key.replace('_', ' ')}: ${state[key]}`;
      box.append(el('span', { class: 'chip' }, label,
        el('button', { type: 'button', 'aria-label': `remove ${key}`, onclick: () => update({ [key]: null }) }, '×')));
    }
  }

  /** Reload the given parts of the page (all of them by default). */
  async function refresh(parts = ALL) {
    const want = new Set(parts);
    const ticket = {};
    for (const part of Object.keys(tickets)) {
      if (want.has(part)) { tickets[part] += 1; ticket[part] = tickets[part]; }
    }
    fillForm();
    drawChips();
    showError(null);
    const jobs = [loadStatus()];
    // Panels in their own files (stories.js, map.js) load on this event.
    document.dispatchEvent(new CustomEvent('newsevents:refresh', { detail: { parts: [...want] } }));
    if (want.has('timeline')) jobs.push(loadTimeline(ticket.timeline));
    if (want.has('table')) jobs.push(loadTable(ticket.table));
    if (want.has('doc')) jobs.push(loadDocument());
    if (want.has('network')) {
      jobs.push(loadNetwork(ticket.network).then(() => want.has('dyad') && loadDyad(ticket.dyad)));
    } else if (want.has('dyad')) {
      jobs.push(loadDyad(ticket.dyad));
    }
    const results = await Promise.allSettled(jobs);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) showError(failed.reason);
  }

  function wire() {
    $('filters').addEventListener('submit', (e) => {
      e.preventDefault();
      const form = e.target;
      const changes = {};
      for (const key of FILTERS) {
        const field = form.elements[key];
        if (!field) continue;
        changes[key] = field.type === 'checkbox' ? (field.checked ? 'true' : null) : field.value.trim();
      }
      update(changes);
    });
    for (const name of ['type', 'quad_class', 'modality', 'undirected']) {
      $('filters').elements[name].addEventListener('change', () => $('filters').requestSubmit());
    }
    $('reset').addEventListener('click', () => {
      const changes = Object.fromEntries(FILTERS.map((k) => [k, null]));
      update({ ...changes, event: null });
    });
    $('by').addEventListener('change', (e) => update({ by: e.target.value }, { resetPage: false }));
    $('group').addEventListener('change', (e) => update({ group: e.target.value }, { resetPage: false }));
    $('count').addEventListener('change', (e) => update({ count: e.target.value }, { resetPage: false }));
    $('order').addEventListener('change', (e) => update({ order: e.target.value }));
    $('prev').addEventListener('click', () => update({ offset: Math.max(0, Number(state.offset) - PAGE) }, { resetPage: false }));
    $('next').addEventListener('click', () => update({ offset: Number(state.offset) + PAGE }, { resetPage: false }));
    $('dyad-form').addEventListener('submit', (e) => {
      e.preventDefault();
      update({ a: $('dyad-a').value.trim(), b: $('dyad-b').value.trim() }, { resetPage: false });
    });
    $('doc-close').addEventListener('click', () => update({ doc: null }, { resetPage: false }));
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && state.doc) update({ doc: null }, { resetPage: false });
    });
    window.addEventListener('popstate', () => { state = readState(); refresh(); });
    let resizing = null;
    window.addEventListener('resize', () => {
      clearTimeout(resizing);
      resizing = setTimeout(refresh, 250);
    });
  }

  /** When the server has taken a new copy of the store (an ingest finished), show it. */
  async function watchStore() {
    try {
      const s = await api('/api/status');
      if (generation !== null && s.generation !== generation) refresh();
    } catch (e) { /* the server may be restarting; try again later */ }
  }

  // What the panels in their own files (stories.js) may use.
  window.newseventsDashboard = Object.freeze({
    el, clear, api, fmt, update, state: () => ({ ...state }), FILTERS,
  });

  wire();
  refresh();
  setInterval(watchStore, 10000);
})();
