import { get } from './api.js';
import { el, time, flash } from './dom.js';
import { confirmAction } from './actions.js';

export async function deadMessages(main, params, me, reload) {
  const query = Object.fromEntries(params);
  const page = await get('dead-messages', query);
  const form = el('form', { class: 'filters', id: 'dead-filters' },
    el('label', {}, 'Topic', el('input', { name: 'topic', value: params.get('topic') || '' })),
    el('label', {}, 'Key', el('input', { name: 'key', value: params.get('key') || '' })),
    el('button', { type: 'submit', class: 'primary' }, 'Filter'),
    me.operator && params.get('topic') ? el('button', { type: 'button', class: 'danger', id: 'replay-topic',
      onclick: async () => {
        const r = await confirmAction({ title: 'Replay every dead message of ' + params.get('topic'),
          help: 'They become pending again and keep their place in their key\'s order.', path: 'dead-messages/replay-topic',
          extra: { topic: params.get('topic') } });
        if (r) { flash('Replayed ' + r.replayed + ' messages'); reload(); }
      } }, 'Replay all of this topic') : '');
  form.addEventListener('submit', e => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) q.set(k, v);
    location.hash = '#/dead?' + q;
  });
  const items = page.items.map(m => el('section', { class: 'card dead', 'data-message': m.id },
    el('h3', {}, m.topic, ' ', el('span', { class: 'muted' }, 'key ' + (m.key ?? '—') + ' · ' + (m.type ?? '') + ' · ' + m.attempts + ' attempts · ' + time(m.createdAt))),
    el('p', { class: 'error' }, m.lastError || ''),
    el('pre', { class: 'payload' }, pretty(m.payload, m.payloadEncoding) + (m.payloadTruncated ? '\n… (' + m.payloadBytes + ' bytes)' : '')),
    el('pre', { class: 'headers' }, JSON.stringify(m.headers, null, 2)),
    me.operator ? el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', 'data-action': 'replay', onclick: () => act(m, 'replay') }, 'Replay'),
      el('button', { type: 'button', class: 'danger', 'data-action': 'discard', onclick: () => act(m, 'discard') }, 'Discard')) : ''));
  async function act(m, what) {
    const r = await confirmAction({ title: (what === 'replay' ? 'Replay' : 'Discard') + ' message ' + m.id.substring(0, 8),
      help: what === 'replay' ? 'It becomes pending again, with fresh attempts.' : 'It is deleted for good; its key is no longer held up.',
      path: 'dead-messages/' + m.id + '/' + what });
    if (r) { flash((what === 'replay' ? 'Replayed ' : 'Discarded ') + m.id); reload(); }
  }
  main.replaceChildren(el('h2', {}, 'Dead messages'), el('section', { class: 'card' }, form),
    items.length ? el('div', { id: 'dead-list' }, items) : el('p', { class: 'muted', id: 'dead-list' }, 'No dead message.'),
    page.nextCursor ? el('a', { href: '#/dead?' + new URLSearchParams(Object.assign({}, query, { cursor: page.nextCursor })) }, 'Next page →') : '');
}

function pretty(payload, encoding) {
  if (encoding !== 'utf-8') return '(binary, base64) ' + payload;
  try { return JSON.stringify(JSON.parse(payload), null, 2); } catch (e) { return payload; }
}
