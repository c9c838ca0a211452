import { baseOf, call, key } from '../api.js';
import { clear, field, h, notice } from '../dom.js';
import { list, timeElement } from '../format.js';
import { resumableStream } from '../sse.js';

const STATES = { connecting: 'Connecting…', resuming: 'Reconnecting, resuming after alert', open: 'Connected: alerts appear as they arrive.',
  ended: 'The stream ended; reconnecting.', retrying: 'Connection lost; retrying.', refused: 'Refused', closed: 'Disconnected.' };

export function render(view) {
  view.append(h('h1', {}, 'Live alerts'));
  if (key.kind() === 'none') {
    view.append(notice('Type your key above to follow the alerts of your subscriptions.'));
    return null;
  }
  const select = h('select', { name: 'subscription' });
  const connect = h('button', { type: 'submit' }, 'Follow');
  const disconnect = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Stop');
  const state = h('p', { role: 'status', class: 'stream-state' }, 'Not following any subscription.');
  const alerts = h('ol', { class: 'cards alerts', 'aria-live': 'polite', 'aria-label': 'Alerts, newest first', id: 'alerts' });
  const form = h('form', { class: 'row' }, field('Subscription', select), connect, disconnect);
  view.append(form, state, alerts);
  let stream = null;

  call('notify', '/api/subscriptions?limit=200', { withKey: true }).then((answer) => {
    clear(select, answer.items.map((s) => h('option', { value: s.id }, `${s.name} (${s.channel.type})`)));
    if (!answer.items.length) form.after(notice('No subscriptions yet: create one on the Subscriptions page.'));
  }).catch((e) => form.after(notice(e.message, 'error')));

  const stop = () => {
    if (stream) stream.close();
    stream = null;
    disconnect.disabled = true;
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    stop();
    if (!select.value) return;
    clear(alerts);
    const url = `${await baseOf('notify')}/api/subscriptions/${encodeURIComponent(select.value)}/stream`;
    disconnect.disabled = false;
    stream = resumableStream(url, { 'X-Api-Key': key.get() }, {
      onState: ({ state: s, detail, lastEventId }) => {
        state.textContent = `${STATES[s] ?? s}${s === 'resuming' ? ` ${lastEventId}.` : ''}${detail ? ` (${detail})` : ''}`;
        state.dataset.state = s;
      },
      onEvent: (event) => {
        if (event.type !== 'alert') return;
        let alert;
        try { alert = JSON.parse(event.data); } catch { return; }
        alerts.prepend(alertItem(alert, event.id));
      },
    });
  });
  disconnect.addEventListener('click', stop);
  return { leave: stop };
}

function alertItem(alert, id) {
  const subject = alert.kind === 'article' ? alert.article?.title
    : alert.kind === 'rate' ? `${alert.rateChange?.pair}: ${alert.rateChange?.previous?.rate} → ${alert.rateChange?.current?.rate}`
      : `Delivery disabled for ${alert.deliveryDisabled?.endpoint ?? 'an endpoint'}`;
  return h('li', { class: 'card alert', dataset: { alertId: alert.alertId, sequence: id ?? '' } },
    h('strong', {}, subject ?? alert.kind),
    h('p', { class: 'meta' }, `#${id} · ${alert.kind} · raised `, timeElement(alert.raisedAt), ` · matched ${list(alert.matchedOn)}`),
    alert.article ? h('p', { class: 'meta' }, `${alert.article.source} · ${list(alert.article.countries)} · ${list(alert.article.tags)}`) : '',
    alert.relatedArticles?.length ? h('ul', {}, alert.relatedArticles.slice(0, 3).map((a) => h('li', {}, a.title))) : '');
}
