import { call } from '../api.js';
import { clear, field, h, notice } from '../dom.js';
import { list, timeElement } from '../format.js';

const FILTERS = [['q', 'Search words', 'search', 'Every word must occur; "quoted phrases" word for word'],
  ['country', 'Country', 'text', 'ISO code, e.g. KZ'], ['tag', 'Topic', 'text', 'e.g. energy'],
  ['entity', 'Person or organisation', 'text', ''], ['source', 'Source', 'text', 'site slug'],
  ['from', 'Published from', 'date', ''], ['to', 'Published to', 'date', '']];

export function render(view) {
  const inputs = {};
  const form = h('form', { role: 'search', 'aria-label': 'Search the news' },
    h('div', { class: 'row' }, FILTERS.map(([name, label, type, hint]) => {
      inputs[name] = h('input', { name, type, autocomplete: 'off' });
      return field(label, inputs[name], hint);
    })),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Search'),
      h('button', { type: 'reset', class: 'secondary' }, 'Clear filters')));
  const facets = h('section', { 'aria-label': 'Facets', class: 'facets' });
  const results = h('section', { 'aria-label': 'Articles', id: 'news-results' });
  const story = h('section', { 'aria-label': 'Story', id: 'story', tabindex: '-1' });
  view.append(h('h1', {}, 'News'), form, facets, results, story);

  const cursors = [];
  const filters = () => {
    const params = new URLSearchParams();
    for (const [name, input] of Object.entries(inputs)) {
      if (input.value.trim()) params.set(name, input.value.trim());
    }
    return params;
  };

  async function search(cursor) {
    const params = filters();
    params.set('limit', '10');
    if (cursor) params.set('cursor', cursor);
    clear(results, h('p', { class: 'hint' }, 'Searching…'));
    try {
      const [page, counts] = await Promise.all([call('article', `/api/articles?${params}`),
        cursor ? Promise.resolve(null) : call('article', `/api/facets?${filters()}`)]);
      if (counts) showFacets(counts);
      showPage(page);
    } catch (e) {
      clear(results, notice(e.message, 'error'));
    }
  }

  function showFacets(counts) {
    const group = (title, name, values) => h('div', {}, h('h3', {}, title),
      values.length ? h('ul', { class: 'chips' }, values.slice(0, 12).map((v) => h('li', {}, h('button', {
        type: 'button', 'aria-label': `Filter by ${title.toLowerCase()} ${v.value} (${v.count} articles)`,
        onclick: () => { inputs[name].value = v.value; cursors.length = 0; search(); },
      }, `${v.value} (${v.count})`)))) : h('p', { class: 'hint' }, 'none'));
    clear(facets, h('h2', {}, 'Refine'), h('div', { class: 'row' },
      group('Countries', 'country', counts.countries), group('Topics', 'tag', counts.tags), group('Entities', 'entity', counts.entities)));
  }

  function showPage(page) {
    clear(results, h('h2', {}, 'Articles'));
    if (!page.items.length) {
      results.append(notice('No articles match.'));
    }
    results.append(h('ul', { class: 'cards' }, page.items.map((a) => h('li', { class: 'card article', dataset: { id: a.id } },
      h('h3', {}, a.title),
      h('p', { class: 'meta' }, `${a.source} · published ${a.publishedOn}${a.publishedAtEstimated ? ' (fetch day)' : ''} · first seen `,
        timeElement(a.firstSeenAt), a.score !== undefined && a.score !== null ? ` · score ${a.score}` : ''),
      h('p', { class: 'meta' }, `Countries ${list(a.countries)} · topics ${list(a.tags)} · people and organisations ${list(a.entities)}`),
      h('p', {}, (a.paragraphs[0] || '').slice(0, 280)),
      h('button', { type: 'button', class: 'secondary open-story', onclick: () => openStory(a.storyId || a.id) },
        `Open the story: ${a.title}`)))));
    const nav = h('div', { class: 'row' });
    if (cursors.length) {
      nav.append(h('button', { type: 'button', class: 'secondary', onclick: () => { cursors.pop(); search(cursors[cursors.length - 1]); } },
        'Previous page'));
    }
    if (page.nextCursor) {
      nav.append(h('button', { type: 'button', onclick: () => { cursors.push(page.nextCursor); search(page.nextCursor); } }, 'Next page'));
    }
    results.append(nav);
  }

  async function openStory(id, cursor) {
    clear(story, h('p', { class: 'hint' }, 'Loading the story…'));
    try {
      const answer = await call('article', `/api/stories/${encodeURIComponent(id)}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
      clear(story, h('h2', {}, `Story: ${answer.items[0] ? answer.items[0].title : id}`),
        h('p', { class: 'meta' }, `Told by ${answer.sources.length} source(s): ${list(answer.sources)}`),
        h('ol', { class: 'cards' }, answer.items.map((a) => h('li', { class: 'card story-article' },
          h('h3', {}, a.title), h('p', { class: 'meta' }, `${a.source} · ${a.publishedOn}`, a.url ? ' · ' : '',
            a.url ? h('a', { href: a.url, rel: 'noopener noreferrer' }, 'original') : ''),
          (a.body && a.body.length ? a.body : a.paragraphs.map((text) => ({ kind: 'PARAGRAPH', text })))
            .map((part) => (part.kind === 'SUBHEADING' ? h('h4', {}, part.text) : h('p', {}, part.text)))))),
        answer.nextCursor ? h('button', { type: 'button', onclick: () => openStory(id, answer.nextCursor) }, 'More of this story') : '',
        h('button', { type: 'button', class: 'secondary', onclick: () => { clear(story); results.querySelector('button')?.focus(); } },
          'Close the story'));
      story.focus();
    } catch (e) {
      clear(story, notice(e.message, 'error'));
    }
  }

  form.addEventListener('submit', (event) => { event.preventDefault(); cursors.length = 0; search(); });
  form.addEventListener('reset', () => setTimeout(() => { cursors.length = 0; search(); }));
  search();
}
