/* newsevents dashboard: the Stories panel — the latest or the largest stories (one happening
 * told by many articles; the `stories` view setting), each with its dates, size, sources,
 * events and actors. Clicking a story shows only the events
 * of its articles: the `story` filter, kept in the URL like every other filter.
 *
 * Runs after dashboard.js and uses what it exposes (window.newseventsDashboard). Titles are
 * scraped text: they reach the page only as text nodes, never as HTML.
 */
(() => {
  'use strict';

  const dash = window.newseventsDashboard;
  if (!dash) return;
  const { el, clear, api, fmt } = dash;
  const LIMIT = 15;
  // The panel follows the dashboard's date and actor filters (those /api/stories takes).
  const FOLLOWS = ['since', 'until', 'actor'];
  let ticket = 0; // the number of the latest load: a slow old answer never overwrites it

  const count = (n, one, many) => `${fmt(n)} ${n === 1 ? one : many}`;

  function dates(story) {
    if (!story.first_date) return 'undated';
    return story.first_date === story.last_date
      ? story.first_date : `${story.first_date} – ${story.last_date}`;
  }

  function item(story, active) {
    const counts = [count(story.articles, 'article', 'articles'),
      count(story.sources, 'independent source', 'independent sources')];
    if (story.copies) counts.push(count(story.copies, 'copy', 'copies'));
    counts.push(count(story.events, 'event', 'events'), count(story.actors, 'actor', 'actors'));
    return el('li', { class: active ? 'story active' : 'story', 'data-story': story.story_id },
      el('button', {
        type: 'button', class: 'story-pick', 'aria-pressed': active ? 'true' : 'false',
        title: active ? 'show every story’s events' : 'show only this story’s events',
        onclick: () => dash.update({ story: active ? null : story.story_id }),
      },
      el('span', { class: 'story-title' }, story.title || story.story_id),
      el('span', { class: 'story-meta' }, `${dates(story)} · ${counts.join(' · ')}`)));
  }

  async function load() {
    ticket += 1;
    const mine = ticket;
    const state = dash.state();
    const order = state.stories === 'size' ? 'size' : 'latest';
    const params = { limit: LIMIT, documents: 0, order };
    document.getElementById('story-order').value = order;
    for (const key of FOLLOWS) if (state[key]) params[key] = state[key];
    const list = document.getElementById('stories');
    const note = document.getElementById('stories-note');
    let data;
    try {
      data = await api('/api/stories', params);
    } catch (error) {
      if (mine !== ticket) return;
      clear(list).append(el('li', { class: 'empty' }, String(error.message || error)));
      return;
    }
    if (mine !== ticket) return;
    clear(list);
    note.textContent = data.total > data.stories.length
      ? `${order === 'size' ? 'largest' : 'latest'} ${fmt(data.stories.length)} of ${fmt(data.total)}`
      : `${fmt(data.total)}`;
    if (!data.stories.length) {
      list.append(el('li', { class: 'empty' }, 'No stories in these dates.'));
      return;
    }
    for (const story of data.stories) list.append(item(story, state.story === story.story_id));
  }

  document.getElementById('story-order').addEventListener('change', (e) => {
    dash.update({ stories: e.target.value === 'latest' ? null : e.target.value }, { resetPage: false });
  });

  document.addEventListener('newsevents:refresh', (e) => {
    if (e.detail.parts.includes('stories')) load();
  });
  load(); // dashboard.js ran its first refresh before this file was read
})();
