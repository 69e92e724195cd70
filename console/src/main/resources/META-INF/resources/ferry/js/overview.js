import { get } from './api.js';
import { el, table, status, age, time } from './dom.js';
import { lineChart } from './chart.js';

export async function overview(main) {
  const [data, activity, attention] = await Promise.all([
    get('overview'), get('overview/activity', { minutes: 60 }),
    get('sagas', { status: 'PARKED,SUSPENDED', limit: 20 }).catch(() => ({ items: [] }))]);
  const topics = table(['Topic', { label: 'Pending', num: true }, { label: 'Oldest pending', num: true },
    { label: 'Dead', num: true }],
    data.topics.map(t => el('tr', { 'data-topic': t.topic },
      el('td', {}, t.topic), el('td', { class: 'num' }, t.pending),
      el('td', { class: 'num' }, t.pending ? age(t.oldestPendingSeconds) : '—'),
      el('td', { class: 'num' }, t.dead ? el('a', { href: '#/dead?topic=' + encodeURIComponent(t.topic) }, t.dead) : 0))),
    { id: 'topics' });
  const statuses = Object.entries(data.sagasByStatus).filter(([, n]) => n > 0);
  const byStatus = table(['Status', { label: 'Sagas', num: true }],
    statuses.map(([s, n]) => el('tr', { 'data-status': s }, el('td', {}, el('a', { href: '#/sagas?status=' + s }, status(s))),
      el('td', { class: 'num' }, n))), { id: 'sagas-by-status' });
  const byName = table(['Saga', 'By status'], Object.entries(data.sagasByName).map(([name, counts]) =>
    el('tr', {}, el('td', {}, el('a', { href: '#/sagas?name=' + encodeURIComponent(name) }, name)),
      el('td', {}, Object.entries(counts).map(([s, n]) => el('span', {}, status(s), ' ', n, '  '))))),
    { id: 'sagas-by-name' });
  const needs = attention.items.length === 0 ? el('p', { class: 'muted' }, 'No saga waits for an operator.')
    : table(['Saga', 'Name', 'Status', 'Step', 'Last error', 'Since'], attention.items.map(s =>
      el('tr', { 'data-saga': s.id },
        el('td', {}, el('a', { href: '#/sagas/' + s.id, class: 'saga-link', 'data-id': s.id }, s.id.substring(0, 8))),
        el('td', {}, s.name), el('td', {}, status(s.status)), el('td', {}, s.currentStep || ''),
        el('td', { class: 'error' }, s.lastError || ''), el('td', {}, time(s.updatedAt)))), { id: 'attention' });
  const chart = lineChart([{ name: 'published', values: activity.published },
    { name: 'finished', values: activity.finished }, { name: 'failed', values: activity.failed }],
    activity.from, activity.minutes);
  main.replaceChildren(
    el('h2', {}, 'Overview'),
    el('section', { class: 'card' }, el('h3', {}, 'Waiting for an operator'), needs),
    el('div', { class: 'grid' },
      el('section', { class: 'card' }, el('h3', {}, 'Outbox ', el('span', { class: 'muted' }, data.outboxTable)),
        data.outboxEnabled === false ? el('p', { class: 'muted', id: 'topics' }, 'This application uses no outbox.')
          : data.topics.length ? topics : el('p', { class: 'muted', id: 'topics' }, 'Nothing pending, nothing dead.')),
      el('section', { class: 'card' }, el('h3', {}, 'Sagas by status'),
        data.sagasEnabled ? byStatus : el('p', { class: 'muted' }, 'This application declares no sagas.'))),
    el('section', { class: 'card' }, el('h3', {}, 'Sagas by name'), byName),
    el('section', { class: 'card' }, el('h3', {}, 'Last hour, per minute'),
      el('div', { class: 'legend' }, el('span', { class: 'published' }, '— published'),
        el('span', { class: 'finished' }, '— sagas finished'), el('span', { class: 'failed' }, '— failures')),
      chart,
      el('p', { class: 'muted' }, 'Published counts come from delivered rows, which the outbox keeps only for its '
        + 'retention (ferry.outbox.retention).')));
}
