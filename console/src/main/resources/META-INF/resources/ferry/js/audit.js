import { get } from './api.js';
import { el, table, time } from './dom.js';

export async function audit(main, params) {
  const [sagas, outbox] = await Promise.all([get('audit/sagas', { cursor: params.get('sagaCursor') }),
    get('audit/outbox', { cursor: params.get('outboxCursor') })]);
  main.replaceChildren(el('h2', {}, 'Audit'),
    el('section', { class: 'card' }, el('h3', {}, 'Sagas'),
      table(['When', 'Who', 'What', 'Saga', 'Step', 'Why'], sagas.items.map(e => el('tr', {},
        el('td', {}, time(e.at)), el('td', {}, e.actor), el('td', {}, e.outcome),
        el('td', {}, el('a', { href: '#/sagas/' + e.sagaId }, e.sagaId.substring(0, 8))), el('td', {}, e.step),
        el('td', {}, e.reason || ''))), { id: 'saga-audit-table' }),
      sagas.nextCursor ? el('a', { href: '#/audit?sagaCursor=' + encodeURIComponent(sagas.nextCursor) }, 'Older →') : ''),
    el('section', { class: 'card' }, el('h3', {}, 'Dead messages'),
      table(['When', 'Who', 'What', 'Topic', 'Message', { label: 'Messages', num: true }, 'Why'], outbox.items.map(e => el('tr', {},
        el('td', {}, time(e.at)), el('td', {}, e.actor), el('td', {}, e.action), el('td', {}, e.topic || 'all'),
        el('td', {}, e.messageId || ''), el('td', { class: 'num' }, e.affected), el('td', {}, e.reason || ''))),
        { id: 'outbox-audit-table' }),
      outbox.nextCursor ? el('a', { href: '#/audit?outboxCursor=' + encodeURIComponent(outbox.nextCursor) }, 'Older →') : ''));
}
