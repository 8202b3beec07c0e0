/* newsevents dashboard: the Map panel — where the matching events happened, on a coarse
 * world outline shipped with the package (/static/world.json; no tile server). A circle is
 * a place: its area grows with its events, its colour is its most frequent quad class.
 * Clicking one filters everything by that place (the `place` filter, kept in the URL like
 * every other filter); clicking it again removes the filter. The buttons under the map
 * filter by country (the `country` filter) the same way.
 *
 * Runs after dashboard.js and uses what it exposes (window.newseventsDashboard). Place
 * names are scraped text: they reach the page only as text nodes and attributes.
 */
(() => {
  'use strict';

  const dash = window.newseventsDashboard;
  if (!dash) return;
  const { el, clear, api, fmt } = dash;
  const SVG = 'http://www.w3.org/2000/svg';
  const QUADS = {
    1: ['Verbal cooperation', '#6cc3a0'], 2: ['Material cooperation', '#1f8a5c'],
    3: ['Verbal conflict', '#f0a04b'], 4: ['Material conflict', '#d64541'],
  };
  // Equirectangular, cropped to the inhabited latitudes.
  const NORTH = 84;
  const SOUTH = -58;
  let world = null; // the outline, fetched once
  let ticket = 0; // the number of the latest load: a slow old answer never overwrites it

  function svg(tag, attrs = {}, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children) {
      if (child) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function ringPath(ring, x, y) {
    return 'M' + ring.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join('L') + 'Z';
  }

  function dominant(quads) {
    let best = 1;
    for (const q of [2, 3, 4]) if ((quads[q] || 0) > (quads[best] || 0)) best = q;
    return best;
  }

  function legend(box) {
    clear(box);
    for (const [q, [name, color]] of Object.entries(QUADS)) {
      const swatch = el('i', { style: { background: color, borderRadius: '50%' } });
      box.append(el('span', { 'data-quad': q }, swatch, name));
    }
    box.append(el('span', {}, 'circle area: events'));
  }

  /** The countries of the drawn places, most events first: a click filters by country. */
  function countries(places, current) {
    const box = clear(document.getElementById('map-countries'));
    const totals = new Map();
    for (const p of places) if (p.country) totals.set(p.country, (totals.get(p.country) || 0) + p.events);
    const sorted = [...totals.entries()].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1));
    if (!sorted.length) return;
    box.append(el('span', { class: 'muted' }, 'by country:'));
    for (const [code, n] of sorted.slice(0, 12)) {
      const active = current === code;
      box.append(el('button', {
        type: 'button', class: active ? 'small country active' : 'small secondary country',
        'data-country': code, 'aria-pressed': active ? 'true' : 'false',
        title: active ? 'show every country' : `show only events in or by ${code}`,
        onclick: () => dash.update({ country: active ? null : code }),
      }, `${code} ${fmt(n)}`));
    }
  }

  async function load() {
    ticket += 1;
    const mine = ticket;
    const state = dash.state();
    const box = document.getElementById('map');
    const note = document.getElementById('map-note');
    const params = {};
    for (const [key, value] of Object.entries(state)) {
      if (dash.FILTERS.includes(key) && value) params[key] = value;
    }
    let data;
    try {
      if (!world) world = await (await fetch('/static/world.json')).json();
      data = await api('/api/places', { ...params, limit: 300 });
    } catch (error) {
      if (mine !== ticket) return;
      clear(box).append(el('div', { class: 'empty' }, String(error.message || error)));
      return;
    }
    if (mine !== ticket) return;
    clear(box);
    legend(document.getElementById('map-legend'));
    const off = data.unplaced;
    note.textContent = off > 0
      ? `· not on the map: ${fmt(off)} ${off === 1 ? 'event' : 'events'} with no known place` : '';
    const width = Math.max(box.clientWidth, 280);
    const height = Math.round(width * (NORTH - SOUTH) / 360);
    const x = (lon) => ((lon + 180) / 360) * width;
    const y = (lat) => ((NORTH - lat) / (NORTH - SOUTH)) * height;
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'world' });
    chart.append(svg('rect', { class: 'sea', x: 0, y: 0, width, height }));
    const land = svg('g', { class: 'land' });
    for (const shape of world.land) land.append(svg('path', { d: ringPath(shape.ring, x, y) }));
    for (const shape of world.water) {
      land.append(svg('path', { class: 'lake', d: ringPath(shape.ring, x, y) }));
    }
    chart.append(land);
    const max = Math.max(1, ...data.places.map((p) => p.events));
    const dots = svg('g');
    // Largest first, so that small places stay on top and can be clicked.
    for (const place of [...data.places].sort((p, q) => q.events - p.events)) {
      const quad = dominant(place.quads);
      const r = 3 + 13 * Math.sqrt(place.events / max);
      const active = state.place && place.name && state.place === place.name;
      const mix = Object.entries(place.quads).filter(([, n]) => n)
        .map(([q, n]) => `${fmt(n)} ${QUADS[q][0].toLowerCase()}`).join(', ');
      dots.append(svg('circle', {
        class: active ? 'place active' : 'place', cx: x(place.lon).toFixed(1), cy: y(place.lat).toFixed(1), r: r.toFixed(1),
        fill: QUADS[quad][1], 'data-place': place.name || '', 'data-country': place.country || '',
        'data-events': place.events, 'data-quad': quad,
        onclick: () => {
          if (place.name) dash.update({ place: active ? null : place.name });
          else if (place.country) dash.update({ country: place.country });
        },
      }, svg('title', {}, `${place.name || '?'}${place.country ? ', ' + place.country : ''}: `
        + `${fmt(place.events)} ${place.events === 1 ? 'event' : 'events'} (${mix}) · click to filter`)));
    }
    chart.append(dots);
    countries(data.places, state.country);
    if (!data.places.length) {
      box.append(el('div', { class: 'empty' }, 'No matching event has a known place.'));
    }
    box.append(chart);
  }

  document.addEventListener('newsevents:refresh', (e) => {
    if (e.detail.parts.includes('map')) load();
  });
  load(); // dashboard.js ran its first refresh before this file was read
})();
