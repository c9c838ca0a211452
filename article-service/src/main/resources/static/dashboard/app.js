import { key } from './api.js';
import { clear, h } from './dom.js';

const pages = {
  rates: () => import('./pages/rates.js'),
  news: () => import('./pages/news.js'),
  subscriptions: () => import('./pages/subscriptions.js'),
  live: () => import('./pages/live.js'),
  status: () => import('./pages/status.js'),
};
const titles = { rates: 'Rates', news: 'News', subscriptions: 'Subscriptions', live: 'Live', status: 'Status' };

const view = document.getElementById('view');
let current = null;

function showKeyState() {
  const state = document.getElementById('key-state');
  const kind = key.kind();
  state.textContent = kind === 'none' ? 'No key in use.'
    : kind === 'subscriber' ? 'A subscriber key is in use.' : 'An admin key is in use.';
  document.body.dataset.key = kind;
}

async function route() {
  const name = (location.hash.replace('#', '').split('/')[0]) || 'rates';
  const page = pages[name] ? name : 'rates';
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (current && current.leave) current.leave();
  current = null;
  document.title = `${titles[page]} · steppewire dashboard`;
  clear(view, h('h1', {}, titles[page]), h('p', { class: 'hint' }, 'Loading…'));
  view.dataset.page = page;
  const module = await pages[page]();
  clear(view);
  current = module.render(view) ?? null;
  view.focus({ preventScroll: true });
}

document.getElementById('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('key-input');
  const value = input.value.trim();
  input.value = '';
  if (value) key.set(value);
  showKeyState();
  route();
});
document.getElementById('key-forget').addEventListener('click', () => {
  key.forget();
  showKeyState();
  route();
});
window.addEventListener('hashchange', route);
showKeyState();
route();
