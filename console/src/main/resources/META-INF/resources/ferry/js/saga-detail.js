import { get } from './api.js';
import { el, table, status, time, flash } from './dom.js';
import { confirmAction } from './actions.js';

const LABELS = { resume: 'Resume', compensate: 'Compensate', skip: 'Skip step', cancel: 'Cancel',
  abort: 'Abort', 'retry-compensation': 'Retry compensation' };
const HELP = {
  resume: 'Runs the step the saga is suspended at again, with fresh attempts.',
  compensate: 'Compensates the completed steps, newest first.',
  skip: 'Marks the current step done with the data below (empty keeps the data); the saga moves on.',
  cancel: 'Ends the saga without compensating anything.',
  abort: 'Stops the saga now and compensates its completed steps.',
  'retry-compensation': 'Runs the parked compensation again with fresh attempts.'
};

/** The saga's data before and after an entry that carries it, folded; empty for the others. */
function stepData(r) {
  if (r.dataBefore == null && r.dataAfter == null) { return ''; }
  const unchanged = r.dataBefore === r.dataAfter;
  return el('details', { class: 'step-data' },
    el('summary', {}, unchanged ? 'unchanged' : 'before → after'),
    el('div', { class: 'data-pair' },
      el('div', {}, el('h4', {}, 'Before'), el('pre', { class: 'data-before' }, r.dataBefore || 'null')),
      el('div', {}, el('h4', {}, 'After'), el('pre', { class: 'data-after' }, r.dataAfter || 'null'))));
}

export async function sagaDetail(main, id, me, reload) {
  const s = await get('sagas/' + encodeURIComponent(id));
  const actions = me.operator ? s.actions.map(a => el('button', {
    type: 'button', 'data-action': a, class: a === 'cancel' || a === 'abort' ? 'danger' : 'primary',
    onclick: async () => {
      const result = await confirmAction({ title: LABELS[a] + ' saga ' + s.id.substring(0, 8), help: HELP[a],
        path: 'sagas/' + s.id + '/' + a, skipStep: a === 'skip' ? s.currentStep : null });
      if (result) { flash(LABELS[a] + ': saga is now ' + result.status); reload(); }
    }
  }, LABELS[a])) : [];
  const fields = el('dl', { class: 'fields' },
    el('dt', {}, 'Id'), el('dd', { id: 'saga-id' }, s.id),
    el('dt', {}, 'Saga'), el('dd', {}, s.name + ' (version ' + s.version + ')'),
    el('dt', {}, 'Status'), el('dd', {}, status(s.status)),
    el('dt', {}, 'Current step'), el('dd', {}, s.currentStep || '—'),
    el('dt', {}, 'Attempts'), el('dd', {}, s.attempts),
    el('dt', {}, 'Steps'), el('dd', {}, s.steps.join(' → ') || '(version not registered here)'),
    el('dt', {}, 'Started'), el('dd', {}, time(s.createdAt)),
    el('dt', {}, 'Last change'), el('dd', {}, time(s.updatedAt)),
    el('dt', {}, 'Trace id'), el('dd', { id: 'trace-id' }, s.traceId || '—'),
    el('dt', {}, 'Last error'), el('dd', { class: 'error' }, s.lastError || '—'));
  const timeline = table(['When', 'Step', 'Outcome', { label: 'Attempt', num: true }, { label: 'Took', num: true }, 'Error / reason', 'Who', 'Data'],
    s.timeline.map(r => el('tr', { class: r.operatorAction ? 'operator' : '', 'data-outcome': r.outcome },
      el('td', {}, time(r.at)), el('td', {}, r.step), el('td', { class: 'outcome-' + r.outcome }, r.outcome),
      el('td', { class: 'num' }, r.attempt), el('td', { class: 'num' }, r.durationMs + ' ms'),
      el('td', { class: 'error' }, r.error || r.reason || ''), el('td', {}, r.actor || 'engine'),
      el('td', {}, stepData(r)))),
    { id: 'timeline' });
  const audit = s.audit.length === 0 ? el('p', { class: 'muted' }, 'No operator action yet.')
    : table(['When', 'Who', 'What', 'Step', 'Why'], s.audit.map(r => el('tr', {},
      el('td', {}, time(r.at)), el('td', {}, r.actor), el('td', {}, r.outcome), el('td', {}, r.step),
      el('td', {}, r.reason || ''))), { id: 'saga-audit' });
  main.replaceChildren(
    el('h2', {}, 'Saga ', el('span', { class: 'muted' }, s.id.substring(0, 8)), ' ', el('span', { id: 'saga-status' }, status(s.status))),
    el('div', { class: 'actions', id: 'saga-actions' }, actions,
      me.operator || s.actions.length === 0 ? '' : el('span', { class: 'muted' }, 'Actions need the operator role.')),
    el('section', { class: 'card' }, fields),
    el('section', { class: 'card' }, el('h3', {}, 'Timeline'), timeline),
    el('section', { class: 'card' }, el('h3', {}, 'Data'), el('pre', { id: 'saga-data' }, s.data || 'null')),
    el('section', { class: 'card' }, el('h3', {}, 'Audit'), audit));
}
