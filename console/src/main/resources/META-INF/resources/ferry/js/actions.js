// The action dialog: every action asks for a reason and a confirmation before it is posted.
import { post } from './api.js';

export function confirmAction({ title, help, path, skipStep, extra = {} }) {
  const dialog = document.getElementById('action-dialog');
  const form = document.getElementById('action-form');
  const reason = document.getElementById('action-reason');
  const error = document.getElementById('action-error');
  document.getElementById('action-title').textContent = title;
  document.getElementById('action-help').textContent = help || '';
  document.getElementById('skip-fields').hidden = !skipStep;
  document.getElementById('action-step').value = skipStep || '';
  document.getElementById('action-data').value = '';
  reason.value = '';
  error.hidden = true;
  return new Promise(resolve => {
    const cancel = document.getElementById('cancel-action');
    const onCancel = () => { cleanup(); dialog.close(); resolve(null); };
    const onSubmit = async event => {
      event.preventDefault();
      if (!reason.value.trim()) { error.textContent = 'Say why: the reason goes into the audit.'; error.hidden = false; return; }
      const body = Object.assign({ reason: reason.value.trim() }, extra);
      if (skipStep) {
        body.step = skipStep;
        const data = document.getElementById('action-data').value.trim();
        if (data) {
          try { body.data = JSON.parse(data); } catch (e) { error.textContent = 'Data is not JSON: ' + e.message; error.hidden = false; return; }
        }
      }
      try {
        const result = await post(path, body);
        cleanup(); dialog.close(); resolve(result);
      } catch (e) {
        error.textContent = e.message; error.hidden = false;
      }
    };
    function cleanup() { cancel.removeEventListener('click', onCancel); form.removeEventListener('submit', onSubmit); }
    cancel.addEventListener('click', onCancel);
    form.addEventListener('submit', onSubmit);
    dialog.showModal();
    reason.focus();
  });
}
