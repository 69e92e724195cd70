// The console's single page: a hash router over the pages, each a module that renders into <main>.
import { get } from './api.js';
import { el, clearFlash, flash } from './dom.js';
import { overview } from './overview.js';
import { sagas } from './sagas.js';
import { sagaDetail } from './saga-detail.js';
import { deadMessages } from './dead.js';
import { audit } from './audit.js';

let me = { user: '', operator: false };

async function route() {
  const main = document.getElementById('main');
  const hash = location.hash || '#/overview';
  const [path, query] = hash.substring(2).split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/');
  document.querySelectorAll('header nav a').forEach(a =>
    a.classList.toggle('active', a.dataset.page === (parts[0] === 'sagas' ? 'sagas' : parts[0] || 'overview')));
  const reload = () => route();
  try {
    main.dataset.page = '';
    if (parts[0] === 'sagas' && parts[1]) await sagaDetail(main, parts[1], me, reload);
    else if (parts[0] === 'sagas') await sagas(main, params);
    else if (parts[0] === 'dead') await deadMessages(main, params, me, reload);
    else if (parts[0] === 'audit') await audit(main, params);
    else await overview(main);
    main.dataset.page = parts[0] === 'sagas' && parts[1] ? 'saga' : (parts[0] || 'overview');
  } catch (e) {
    main.replaceChildren(el('p', { class: 'error', id: 'page-error' }, e.message));
    main.dataset.page = 'error';
  }
}

window.addEventListener('hashchange', () => { clearFlash(); route(); });
get('me').then(who => {
  me = who;
  document.getElementById('user').textContent = who.user + (who.operator ? ' (operator)' : ' (viewer)');
  document.body.dataset.role = who.operator ? 'operator' : 'viewer';
  route();
}).catch(e => flash(e.message, true));
