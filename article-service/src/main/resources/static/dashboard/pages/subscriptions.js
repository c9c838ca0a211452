import { call, key } from '../api.js';
import { clear, field, h, notice } from '../dom.js';
import { list, time, timeElement, zone } from '../format.js';

const KINDS = {
  change: ['thresholdPct', 'direction'],
  window: ['window', 'thresholdPct', 'direction'],
  level: ['level', 'direction', 'hysteresisPct'],
  sinceLastAlert: ['thresholdPct', 'direction'],
  divergence: ['thresholdPct', 'direction'],
};
const KIND_LABELS = { change: 'one change', window: 'move within a window', level: 'crossing a level',
  sinceLastAlert: 'move since the last alert', divergence: 'ticker against official rate' };

export function render(view) {
  view.append(h('h1', {}, 'Subscriptions'));
  if (key.kind() === 'none') {
    view.append(notice('Type your key above (a subscriber key, or the admin key) to see and edit subscriptions.'));
    return;
  }
  const listing = h('section', { 'aria-labelledby': 'subs-heading' }, h('h2', { id: 'subs-heading' }, 'Your subscriptions'));
  const editor = h('section', { 'aria-labelledby': 'editor-heading', id: 'editor' });
  const preview = h('section', { 'aria-label': 'Preview', id: 'preview', 'aria-live': 'polite' });
  const deliveries = h('section', { 'aria-label': 'Delivery log', id: 'deliveries', 'aria-live': 'polite' });
  const keys = h('section', { 'aria-labelledby': 'keys-heading', id: 'keys' });
  view.append(listing, editor, preview, deliveries, keys);

  const refresh = async () => {
    const body = h('div');
    clear(listing, h('h2', { id: 'subs-heading' }, 'Your subscriptions'), body,
      h('button', { type: 'button', onclick: () => edit(null) }, 'New subscription'));
    try {
      const answer = await call('notify', '/api/subscriptions?limit=200', { withKey: true });
      if (!answer.items.length) body.append(notice('None yet.'));
      else body.append(h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['Name', 'Channel', 'Rules', 'Changed', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, answer.items.map((s) => h('tr', { dataset: { id: s.id } },
          h('td', {}, s.name), h('td', {}, describeChannel(s)), h('td', {}, describeRules(s.rules)),
          h('td', {}, timeElement(s.updatedAt)),
          h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => edit(s) }, `Edit ${s.name}`), ' ',
            h('button', { type: 'button', class: 'secondary', onclick: () => showDeliveries(s) }, `Deliveries of ${s.name}`))))))));
    } catch (e) {
      body.append(notice(e.message, 'error'));
    }
  };

  function edit(subscription) {
    const form = subscriptionForm(subscription, {
      saved: () => { clear(editor); refresh(); },
      previewed: (answer) => showPreview(preview, answer),
      failed: (message) => showPreview(preview, null, message),
    });
    clear(editor, h('h2', { id: 'editor-heading' }, subscription ? `Edit ${subscription.name}` : 'New subscription'), form);
    form.querySelector('input')?.focus();
  }

  async function showDeliveries(subscription) {
    clear(deliveries, h('h2', {}, `Delivery log of ${subscription.name}`));
    try {
      const answer = await call('notify', `/api/subscriptions/${encodeURIComponent(subscription.id)}/deliveries?limit=50`, { withKey: true });
      if (!answer.items.length) {
        deliveries.append(notice(subscription.channel.type === 'sse' ? 'Stream-only subscriptions deliver nothing: see the Live page.' : 'Nothing delivered yet.'));
        return;
      }
      deliveries.append(h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['Alert', 'Channel', 'Status', 'Attempts', 'Last attempt', 'Next attempt'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, answer.items.map((d) => {
          const last = d.attempts[d.attempts.length - 1];
          return h('tr', {}, h('td', {}, d.alertId.slice(0, 12)), h('td', {}, d.channel),
            h('td', { class: d.status === 'delivered' ? 'ok' : d.status === 'failed' ? 'bad' : 'warn' }, d.status),
            h('td', {}, String(d.attemptCount)),
            h('td', {}, last ? `${time(last.at)}${last.statusCode ? ` · HTTP ${last.statusCode}` : ''}${last.error ? ` · ${last.error}` : ''}` : '–'),
            h('td', {}, d.nextAttemptAt ? time(d.nextAttemptAt) : '–'));
        })))));
    } catch (e) {
      deliveries.append(notice(e.message, 'error'));
    }
  }

  refresh();
  if (key.kind() === 'admin') subscriberKeys(keys);
}

/** The channel with what changes when it sends: a digest's rhythm, an hourly cap, a pause by unsubscribe link. */
function describeChannel(s) {
  const digest = s.delivery?.mode === 'digest' ? s.delivery.digest : null;
  return [s.channel.type,
    digest ? `digest ${digest.every === 'week' ? `weekly on ${digest.day ?? 'monday'}` : 'daily'} at ${digest.at} ${digest.timezone}` : '',
    s.maxPerHour ? `at most ${s.maxPerHour} an hour` : '',
    s.pausedAt ? 'paused by its unsubscribe link' : ''].filter(Boolean).join(', ');
}

function describeRules(rules) {
  const parts = [];
  if (rules.countries?.length) parts.push(`countries ${list(rules.countries)}`);
  if (rules.tags?.length) parts.push(`topics ${list(rules.tags)}`);
  if (rules.entities?.length) parts.push(`entities ${list(rules.entities)}`);
  if (rules.query) parts.push(`query ${rules.query}`);
  for (const p of rules.pairs ?? []) {
    parts.push(`${p.kind ?? 'change'} ${p.pair}${p.window ? ` ${p.window}` : ''} ${p.direction ?? ''}`
      + `${p.thresholdPct !== undefined && p.thresholdPct !== null ? ` ${p.thresholdPct}%` : ''}${p.level ? ` at ${p.level}` : ''}`);
  }
  return parts.join('; ') || 'everything';
}

const splitList = (text) => text.split(',').map((v) => v.trim()).filter(Boolean);

function subscriptionForm(subscription, { saved, previewed, failed }) {
  const s = subscription ?? { name: '', channel: { type: 'sse' }, rules: { countries: [], tags: [], entities: [], pairs: [], perStory: true } };
  const name = h('input', { name: 'name', required: true, maxlength: 200, value: s.name });
  const channel = h('select', { name: 'channel' }, ['sse', 'webhook', 'email'].map((t) => h('option', { value: t, selected: s.channel.type === t },
    t === 'sse' ? 'Live stream only' : t === 'webhook' ? 'Webhook' : 'E-mail')));
  const url = h('input', { name: 'url', type: 'url', value: s.channel.url ?? '' });
  const secret = h('input', { name: 'secret', type: 'password', autocomplete: 'off' });
  const address = h('input', { name: 'address', type: 'email', value: s.channel.address ?? '' });
  const channelFields = { webhook: [field('Webhook URL', url), field('Secret', secret, s.channel.secretSet ? 'The secret is never shown: type it (or a new one) again to save' : 'At least 16 characters')],
    email: [field('E-mail address', address)], sse: [] };
  const channelBox = h('div');
  const showChannel = () => clear(channelBox, channelFields[channel.value]);
  channel.addEventListener('change', showChannel);
  showChannel();

  const countries = h('input', { name: 'countries', value: (s.rules.countries ?? []).join(', ') });
  const tags = h('input', { name: 'tags', value: (s.rules.tags ?? []).join(', ') });
  const entities = h('input', { name: 'entities', value: (s.rules.entities ?? []).join(', ') });
  const query = h('input', { name: 'query', value: s.rules.query ?? '' });
  const perStory = h('input', { name: 'perStory', type: 'checkbox', checked: s.rules.perStory !== false });
  const pairs = h('div', { class: 'pairs' });
  const addPair = (rule) => pairs.append(pairRule(rule ?? { kind: 'change', pair: '', thresholdPct: 1, direction: 'either' }));
  (s.rules.pairs ?? []).forEach(addPair);

  const quietFrom = h('input', { name: 'quietFrom', type: 'time', value: s.quietHours?.from ?? '' });
  const quietTo = h('input', { name: 'quietTo', type: 'time', value: s.quietHours?.to ?? '' });
  const quietZone = h('input', { name: 'quietZone', value: s.quietHours?.timezone ?? zone });

  const digest = s.delivery?.digest ?? {};
  const mode = h('select', { name: 'deliveryMode' }, [['instant', 'Each alert at once'], ['digest', 'A digest']]
    .map(([v, label]) => h('option', { value: v, selected: (s.delivery?.mode ?? 'instant') === v }, label)));
  const every = h('select', { name: 'digestEvery' }, [['day', 'Every day'], ['week', 'Every week']]
    .map(([v, label]) => h('option', { value: v, selected: (digest.every ?? 'day') === v }, label)));
  const weekday = h('select', { name: 'digestDay' }, ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
    .map((d) => h('option', { value: d, selected: (digest.day ?? 'monday') === d }, d)));
  const digestAt = h('input', { name: 'digestAt', type: 'time', value: digest.at ?? '08:00' });
  const digestZone = h('input', { name: 'digestZone', value: digest.timezone ?? zone });
  const maxPerHour = h('input', { name: 'maxPerHour', type: 'number', min: '1', max: '1000', step: '1', value: s.maxPerHour ?? '' });
  const digestBox = h('div');
  const showRhythm = () => clear(digestBox, mode.value === 'digest'
    ? h('div', { class: 'row' }, field('How often', every), every.value === 'week' ? field('On', weekday) : '',
      field('At', digestAt), field('Time zone', digestZone, 'IANA name'))
    : field('At most per hour', maxPerHour, 'optional: the hour\'s other alerts come together when it ends'));
  mode.addEventListener('change', showRhythm);
  every.addEventListener('change', showRhythm);
  showRhythm();

  const today = new Date();
  const previewFrom = h('input', { name: 'previewFrom', type: 'date', value: new Date(today - 30 * 86400000).toISOString().slice(0, 10) });
  const previewTo = h('input', { name: 'previewTo', type: 'date', value: new Date(+today + 86400000).toISOString().slice(0, 10) });
  const message = h('div', { 'aria-live': 'assertive' });

  const body = () => {
    const rules = { countries: splitList(countries.value), tags: splitList(tags.value), entities: splitList(entities.value),
      pairs: [...pairs.querySelectorAll('fieldset.pair-rule')].map((fs) => fs.readRule()), perStory: perStory.checked };
    if (query.value.trim()) rules.query = query.value.trim();
    const ch = { type: channel.value };
    if (ch.type === 'webhook') { ch.url = url.value.trim(); if (secret.value) ch.secret = secret.value; }
    if (ch.type === 'email') ch.address = address.value.trim();
    const answer = { name: name.value.trim(), channel: ch, rules };
    if (quietFrom.value && quietTo.value) answer.quietHours = { from: quietFrom.value, to: quietTo.value, timezone: quietZone.value.trim() };
    if (mode.value === 'digest') {
      answer.delivery = { mode: 'digest', digest: { every: every.value, at: digestAt.value, timezone: digestZone.value.trim() } };
      if (every.value === 'week') answer.delivery.digest.day = weekday.value;
    } else if (maxPerHour.value.trim()) {
      answer.maxPerHour = maxPerHour.value.trim();
    }
    return answer;
  };
  const problem = (e) => {
    const errors = e.problem?.errors ?? [];
    clear(message, notice(e.message, 'error'),
      errors.length ? h('ul', { class: 'bad' }, errors.map((x) => h('li', {}, `${x.field}: ${x.message}`))) : '');
  };

  const form = h('form', { class: 'subscription-form', novalidate: true },
    field('Name', name),
    h('fieldset', {}, h('legend', {}, 'Channel'), field('Deliver by', channel), channelBox),
    h('fieldset', {}, h('legend', {}, 'Articles'),
      h('p', { class: 'hint' }, 'An article alerts when it meets every condition given; within a list any value is enough.'),
      h('div', { class: 'row' }, field('Countries', countries, 'comma-separated ISO codes: KZ, UZ'),
        field('Topics', tags, 'comma-separated: energy, banking'), field('Entities', entities, 'people or organisations')),
      field('Query', query, 'words, "phrases", AND, OR, NOT, parentheses'),
      h('div', { class: 'field' }, h('label', {}, perStory, ' One alert per story (not per article)'))),
    h('fieldset', {}, h('legend', {}, 'Rate rules'), pairs,
      h('button', { type: 'button', class: 'secondary', onclick: () => addPair() }, 'Add a rate rule')),
    h('fieldset', {}, h('legend', {}, 'Rhythm (webhook and e-mail)'), field('Send', mode), digestBox),
    h('fieldset', {}, h('legend', {}, 'Quiet hours (optional)'),
      h('div', { class: 'row' }, field('From', quietFrom), field('To', quietTo), field('Time zone', quietZone, 'IANA name'))),
    h('fieldset', {}, h('legend', {}, 'Preview (what the rules would have sent)'),
      h('div', { class: 'row' }, field('From', previewFrom), field('To', previewTo),
        h('button', { type: 'button', class: 'secondary', onclick: async () => {
          clear(message);
          try {
            const answer = await call('notify', '/api/subscriptions/preview', { method: 'POST', withKey: true,
              body: { ...body(), from: `${previewFrom.value}T00:00:00Z`, to: `${previewTo.value}T00:00:00Z` } });
            previewed(answer);
          } catch (e) { problem(e); failed(e.message); }
        } }, 'Preview'))),
    message,
    h('div', { class: 'row' }, h('button', { type: 'submit' }, subscription ? 'Save changes' : 'Create subscription'),
      subscription ? h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!window.confirm(`Delete ${subscription.name}?`)) return;
        try {
          await call('notify', `/api/subscriptions/${encodeURIComponent(subscription.id)}`, { method: 'DELETE', withKey: true });
          saved();
        } catch (e) { problem(e); }
      } }, 'Delete') : ''));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(message);
    try {
      const path = subscription ? `/api/subscriptions/${encodeURIComponent(subscription.id)}` : '/api/subscriptions';
      await call('notify', path, { method: subscription ? 'PUT' : 'POST', withKey: true, body: body() });
      saved();
    } catch (e) { problem(e); }
  });
  return form;
}

function pairRule(rule) {
  const kind = h('select', { name: 'kind' }, Object.keys(KINDS).map((k) => h('option', { value: k, selected: (rule.kind ?? 'change') === k }, KIND_LABELS[k])));
  const pair = h('input', { name: 'pair', value: rule.pair ?? '', placeholder: 'KZT/USD', required: true });
  const controls = {
    thresholdPct: h('input', { name: 'thresholdPct', type: 'number', step: 'any', min: '0', value: rule.thresholdPct ?? 1 }),
    direction: h('select', { name: 'direction' }, ['either', 'up', 'down'].map((d) => h('option', { value: d, selected: (rule.direction ?? 'either') === d }, d))),
    window: h('select', { name: 'window' }, ['24h', '7d', '30d'].map((w) => h('option', { value: w, selected: rule.window === w }, w))),
    level: h('input', { name: 'level', inputmode: 'decimal', value: rule.level ?? '' }),
    hysteresisPct: h('input', { name: 'hysteresisPct', type: 'number', step: 'any', min: '0', max: '50', value: rule.hysteresisPct ?? 0 }),
  };
  const labels = { thresholdPct: 'Threshold (%)', direction: 'Direction', window: 'Window', level: 'Level', hysteresisPct: 'Hysteresis (%)' };
  const fields = Object.fromEntries(Object.entries(controls).map(([n, c]) => [n, field(labels[n], c)]));
  const cooldown = h('input', { name: 'minIntervalMinutes', type: 'number', min: '0', max: '43200', step: '1', value: rule.minIntervalMinutes ?? 0 });
  const kindFields = h('div', { class: 'row' });
  const show = () => clear(kindFields, KINDS[kind.value].map((n) => fields[n]), field('Quiet after firing (minutes)', cooldown));
  kind.addEventListener('change', show);
  show();
  const fieldset = h('fieldset', { class: 'pair-rule' }, h('legend', {}, 'Rate rule'),
    h('div', { class: 'row' }, field('Kind', kind), field('Pair', pair, 'canonical direction, e.g. KZT/USD')), kindFields,
    h('button', { type: 'button', class: 'danger', onclick: () => fieldset.remove() }, 'Remove this rule'));
  fieldset.readRule = () => {
    const answer = { kind: kind.value, pair: pair.value.trim().toUpperCase() };
    for (const n of KINDS[kind.value]) {
      const value = controls[n].value.trim();
      if (value === '') continue;
      answer[n] = n === 'level' || n === 'direction' || n === 'window' ? value : Number(value);
    }
    if (Number(cooldown.value) > 0) answer.minIntervalMinutes = Number(cooldown.value);
    return answer;
  };
  return fieldset;
}

function showPreview(target, answer, error) {
  if (!answer) {
    clear(target, h('h2', {}, 'Preview'), notice(error, 'error'));
    return;
  }
  clear(target, h('h2', {}, 'Preview'),
    h('p', {}, `${answer.total} alert(s) from ${time(answer.from)} to ${time(answer.to)} (${answer.articlesRead} articles and `
      + `${answer.rateChangesRead} rate changes read; history kept from ${time(answer.historyFrom)}).`),
    h('h3', {}, 'Per rule'), h('ul', {}, answer.perRule.map((r) => h('li', {}, `${r.rule}: ${r.count}`))),
    h('h3', {}, 'Per day (UTC)'), h('ul', {}, answer.perDay.map((d) => h('li', {}, `${d.day}: ${d.count}`))),
    h('h3', {}, 'Alerts'), h('ol', { class: 'cards' }, answer.alerts.map((a) => h('li', { class: 'card' },
      h('strong', {}, a.subject), h('p', { class: 'meta' }, `${a.kind} · `, timeElement(a.at), ` · ${list(a.matchedOn)}`)))));
}

async function subscriberKeys(target) {
  const name = h('input', { name: 'keyName', maxlength: 100 });
  const shown = h('div', { 'aria-live': 'assertive' });
  const table = h('div');
  const load = async () => {
    try {
      const answer = await call('notify', '/api/keys?limit=200', { withKey: true });
      clear(table, h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['Name', 'Created', 'Revoked', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, answer.items.map((k) => h('tr', {}, h('td', {}, k.name), h('td', {}, timeElement(k.createdAt)),
          h('td', {}, k.revokedAt ? time(k.revokedAt) : '–'),
          h('td', {}, k.revokedAt ? '' : [
            h('button', { type: 'button', class: 'secondary', onclick: () => act('POST', `/api/keys/${encodeURIComponent(k.id)}/rotate`, k.name) }, `Rotate ${k.name}`), ' ',
            h('button', { type: 'button', class: 'danger', onclick: () => act('DELETE', `/api/keys/${encodeURIComponent(k.id)}`, k.name) }, `Revoke ${k.name}`)])))))));
    } catch (e) {
      clear(table, notice(e.message, 'error'));
    }
  };
  const showKey = (answer) => clear(shown, notice(`The key of ${answer.name}, shown this once: copy it now.`),
    h('p', { class: 'secret', tabindex: '0', 'aria-label': `The new key of ${answer.name}` }, answer.key));
  const act = async (method, path, keyName) => {
    if (method === 'DELETE' && !window.confirm(`Revoke the key of ${keyName}?`)) return;
    try {
      const answer = await call('notify', path, { method, withKey: true });
      if (answer && answer.key) showKey(answer); else clear(shown, notice(`The key of ${keyName} is revoked.`));
      load();
    } catch (e) { clear(shown, notice(e.message, 'error')); }
  };
  const form = h('form', { class: 'row' }, field('Subscriber name', name), h('button', { type: 'submit' }, 'Issue a subscriber key'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      showKey(await call('notify', '/api/keys', { method: 'POST', withKey: true, body: { name: name.value.trim() } }));
      name.value = '';
      load();
    } catch (e) { clear(shown, notice(e.message, 'error')); }
  });
  clear(target, h('h2', { id: 'keys-heading' }, 'Subscriber keys'), form, shown, table);
  load();
}
