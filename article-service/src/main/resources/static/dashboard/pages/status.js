import { call, key } from '../api.js';
import { clear, h, notice } from '../dom.js';
import { time, timeElement, zone } from '../format.js';

const SERVICES = ['ingest', 'rates', 'article', 'notify'];

export function render(view) {
  const health = h('section', { 'aria-labelledby': 'health-heading' });
  const kafka = h('section', { 'aria-labelledby': 'kafka-heading' });
  const sources = h('section', { 'aria-labelledby': 'sources-heading' });
  const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh');
  view.append(h('h1', {}, 'Status'), h('p', { class: 'hint' }, `Times in ${zone}. `, refresh), health, kafka, sources);
  const load = () => {
    showHealth(health);
    showKafka(kafka);
    showSources(sources);
  };
  refresh.addEventListener('click', load);
  load();
  const timer = setInterval(() => showHealth(health), 15000);
  return { leave: () => clearInterval(timer) };
}

async function showHealth(target) {
  const rows = await Promise.all(SERVICES.map(async (service) => {
    try {
      const answer = await call(service, '/actuator/health');
      return [service, answer.status ?? 'UNKNOWN', ''];
    } catch (e) {
      // Health answers 503 with a body when DOWN or OUT_OF_SERVICE.
      return [service, e.problem?.status && typeof e.problem.status === 'string' ? e.problem.status : 'UNREACHABLE', e.message];
    }
  }));
  clear(target, h('h2', { id: 'health-heading' }, 'Health'), h('div', { class: 'table-wrap' }, h('table', { id: 'health' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Service'), h('th', { scope: 'col' }, 'Health'), h('th', { scope: 'col' }, 'Detail'))),
    h('tbody', {}, rows.map(([service, status, detail]) => h('tr', { dataset: { service, health: status } },
      h('td', {}, `${service}-service`), h('td', { class: status === 'UP' ? 'ok' : 'bad' }, status), h('td', {}, detail)))))),
  h('p', { class: 'meta' }, 'Checked ', timeElement(new Date().toISOString())));
}

async function showKafka(target) {
  clear(target, h('h2', { id: 'kafka-heading' }, 'Consumers and dead letters'));
  if (key.kind() !== 'admin') {
    target.append(notice('Consumer lag and dead-letter counts need the admin key.'));
    return;
  }
  try {
    const answer = await call('article', '/api/operations/kafka', { withKey: true });
    target.append(h('h3', {}, 'Lag per consumer group'),
      h('p', { class: 'hint' }, 'Records written but not yet committed by the group. A transaction\'s end marker takes an offset too, '
        + 'so an idle partition of a transactional topic may show 1.'),
      h('div', { class: 'table-wrap' }, h('table', { id: 'lag' },
      h('thead', {}, h('tr', {}, ['Group', 'State', 'Topic', 'Partitions', 'Lag'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, answer.groups.flatMap((g) => (g.topics.length ? g.topics : [{ topic: '–', partitions: 0, lag: 0 }])
        .map((t) => h('tr', { dataset: { group: g.group } }, h('td', {}, g.group), h('td', {}, g.state), h('td', {}, t.topic),
          h('td', {}, String(t.partitions)), h('td', { class: t.lag > 0 ? 'warn' : 'ok' }, String(t.lag)))))))),
    h('h3', {}, 'Dead letters'), h('div', { class: 'table-wrap' }, h('table', { id: 'dead-letters' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Topic'), h('th', { scope: 'col' }, 'Records'))),
      h('tbody', {}, answer.deadLetters.map((d) => h('tr', {}, h('td', {}, d.topic),
        h('td', { class: d.records > 0 ? 'bad' : 'ok' }, String(d.records))))))),
    h('p', { class: 'meta' }, 'Read from Kafka ', timeElement(answer.checkedAt)));
  } catch (e) {
    target.append(notice(e.message, 'error'));
  }
}

async function showSources(target) {
  clear(target, h('h2', { id: 'sources-heading' }, 'Sources'));
  const news = h('div');
  const banks = h('div');
  target.append(h('h3', {}, 'News sources (ingest-service)'), news, h('h3', {}, 'Central banks (rates-service)'), banks);
  call('ingest', '/api/sources', { withKey: key.kind() === 'admin' }).then((answer) => {
    const items = Array.isArray(answer) ? answer : answer.items ?? [];
    if (!items.length) { news.append(notice('No sources registered.')); return; }
    news.append(h('div', { class: 'table-wrap' }, h('table', { id: 'news-sources' },
      h('thead', {}, h('tr', {}, ['Source', 'Kind', 'Last fetch', 'Outcome', 'Items seen', 'Error'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, items.map((s) => h('tr', {}, h('td', {}, s.name), h('td', {}, s.type ?? ''),
        h('td', {}, time(s.state?.lastFetchAt)), h('td', { class: s.state?.lastOutcome === 'failed' ? 'bad' : '' },
          `${s.state?.lastOutcome ?? '–'}${s.state?.lastStatus ? ` (HTTP ${s.state.lastStatus})` : ''}`),
        h('td', {}, String(s.state?.itemsSeen ?? 0)), h('td', {}, s.state?.lastError ?? '')))))));
  }).catch((e) => news.append(notice(e.message, 'error')));
  call('rates', '/api/rates/sources').then((answer) => {
    banks.append(h('div', { class: 'table-wrap' }, h('table', { id: 'bank-sources' },
      h('thead', {}, h('tr', {}, ['Bank', 'Status', 'Last fetch', 'Latest date', 'Next run', 'Error'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, answer.items.map((b) => h('tr', {}, h('td', {}, `${b.bank} (${b.id})`),
        h('td', { class: b.status === 'failed' ? 'bad' : b.status === 'ok' ? 'ok' : '' }, b.status),
        h('td', {}, time(b.lastFetchAt)), h('td', {}, b.lastPublishedDate ?? '–'), h('td', {}, time(b.nextRunAt)),
        h('td', {}, b.lastError ?? '')))))));
  }).catch((e) => banks.append(notice(e.message, 'error')));
}
