import { get } from './api.js';
import { el, table, status, time } from './dom.js';

const STATUSES = ['RUNNING', 'WAITING', 'COMPENSATING', 'PARKED', 'SUSPENDED', 'COMPLETED', 'COMPENSATED', 'CANCELLED'];

export async function sagas(main, params) {
  const form = el('form', { class: 'filters', id: 'saga-filters' },
    el('label', {}, 'Status', el('select', { name: 'status' }, el('option', { value: '' }, 'any'),
      STATUSES.map(s => el('option', { value: s, selected: params.get('status') === s }, s)))),
    el('label', {}, 'Name', el('input', { name: 'name', value: params.get('name') || '', size: 16 })),
    el('label', {}, 'Started from (UTC)', el('input', { name: 'from', type: 'datetime-local', value: local(params.get('from')) })),
    el('label', {}, 'to', el('input', { name: 'to', type: 'datetime-local', value: local(params.get('to')) })),
    el('label', {}, 'Stuck for more than (min)', el('input', { name: 'stuck', type: 'number', min: 1, value: params.get('stuck') || '', size: 5 })),
    el('button', { type: 'submit', class: 'primary' }, 'Filter'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) {
      if (v) q.set(k, (k === 'from' || k === 'to') ? new Date(v + 'Z').toISOString() : v);
    }
    location.hash = '#/sagas?' + q;
  });
  const search = el('form', { class: 'filters', id: 'saga-search' },
    el('label', {}, 'Saga id or idempotency key', el('input', { name: 'q', size: 40 })),
    el('button', { type: 'submit' }, 'Find'));
  const results = el('div', { id: 'saga-results' });
  search.addEventListener('submit', async e => {
    e.preventDefault();
    const q = new FormData(search).get('q');
    const found = await get('sagas/search', { q });
    results.replaceChildren(found.items.length ? rows(found.items) : el('p', { class: 'muted' }, 'No saga has that id or key.'));
  });
  const query = Object.fromEntries(params);
  const page = await get('sagas', query);
  results.replaceChildren(el('p', { class: 'muted', id: 'saga-total' }, page.total + ' sagas match'), rows(page.items),
    page.nextCursor ? el('p', {}, el('a', { id: 'next-page', href: '#/sagas?' + new URLSearchParams(Object.assign({}, query, { cursor: page.nextCursor })) }, 'Next page →')) : '');
  main.replaceChildren(el('h2', {}, 'Sagas'), el('section', { class: 'card' }, form, search), results);
}

function rows(items) {
  return table(['Saga', 'Name', 'Status', 'Step', { label: 'Attempts', num: true }, 'Key', 'Started', 'Last change', 'Last error'],
    items.map(s => el('tr', { 'data-saga': s.id },
      el('td', {}, el('a', { href: '#/sagas/' + s.id, class: 'saga-link', 'data-id': s.id }, s.id.substring(0, 8))),
      el('td', {}, s.name), el('td', {}, status(s.status)), el('td', {}, s.currentStep || ''),
      el('td', { class: 'num' }, s.attempts), el('td', {}, s.idempotencyKey || ''),
      el('td', {}, time(s.createdAt)), el('td', {}, time(s.updatedAt)), el('td', { class: 'error' }, s.lastError || ''))),
    { id: 'saga-table' });
}

function local(iso) {
  return iso ? new Date(iso).toISOString().substring(0, 16) : '';
}
