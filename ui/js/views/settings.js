// Settings: where the data lives, its backups, the school facts the statistics need, and the
// director lock.

import { api } from '../api.js';
import { el, field, formMessage, clearFormMessage } from '../dom.js';
import { statsSettingsForm } from './settings-stats.js';
import { backupsCard } from './settings-backups.js';
import { departmentsCard } from './settings-departments.js';
import { appointmentsCard } from './settings-appointments.js';

function autoLockForm(minutes) {
  const input = el('input', { id: 'auto-lock-minutes', type: 'number', min: 1, max: 240, value: minutes, inputMode: 'numeric' });
  const form = el('form', { className: 'fields', id: 'auto-lock', noValidate: true },
    field('Lock the director area after this many idle minutes', input),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Save')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      await api.setAutoLockMinutes(Number(input.value));
      formMessage(form, `The director area now locks after ${Number(input.value)} idle minutes.`, 'ok');
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  return form;
}

/** Changes the director PIN: the current one, then the new one twice. */
function changePinForm() {
  const current = el('input', { id: 'current-pin', type: 'password', autocomplete: 'off', maxLength: 128 });
  const next = el('input', { id: 'new-pin', type: 'password', autocomplete: 'off', maxLength: 128 });
  const confirm = el('input', { id: 'new-pin-confirm', type: 'password', autocomplete: 'off', maxLength: 128 });
  const form = el('form', { className: 'fields', id: 'change-pin', noValidate: true },
    field('Current PIN or passphrase', current),
    field('New PIN or passphrase', next, 'at least 6 digits, or 10 or more characters'),
    field('Type the new one again', confirm),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Change PIN')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      if (next.value !== confirm.value) throw new Error('The two new entries differ. Type the same PIN twice.');
      await api.changeDirectorPin(current.value, next.value);
      formMessage(form, 'The director PIN was changed. The recovery code you kept still works.', 'ok');
    } catch (error) {
      formMessage(form, error.message);
    }
    current.value = '';
    next.value = '';
    confirm.value = '';
  });
  return form;
}

/** Whether the desk offers the writer the feedback screen after a session. */
function feedbackCard(asked) {
  const box = el('input', { type: 'checkbox', id: 'feedback-asked', checked: asked });
  const form = el('form', { className: 'fields', id: 'feedback-form', noValidate: true },
    el('label', { className: 'check wide' }, box, 'After a session, offer to hand the screen to the writer for three quick, anonymous questions'),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Save')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      await api.setFeedbackAsked(box.checked);
      formMessage(form, box.checked ? 'The desk offers the feedback screen after each session.' : 'The desk no longer offers the feedback screen.', 'ok');
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  return el('section', { className: 'card', id: 'feedback-settings' }, el('h2', {}, 'Writers\u2019 feedback'), form);
}

export async function render(container) {
  const [status, director, stats, feedbackAsked] =
    await Promise.all([api.appStatus(), api.directorStatus(), api.statsSettings(), api.feedbackAsked()]);
  container.append(
    el('h1', {}, 'Settings'),
    el('p', { className: 'lede' }, 'Everything Scriptorium knows is kept in one file on this computer.'),
    el('section', { className: 'card' },
      el('h2', {}, 'Data'),
      el('dl', { className: 'facts' },
        el('dt', {}, 'Data folder'), el('dd', { id: 'data-dir' }, status.dataDir),
        el('dt', {}, 'Database file'), el('dd', {}, status.databaseFile),
        el('dt', {}, 'Schema version'), el('dd', {}, String(status.schemaVersion)))),
    await backupsCard(status),
    el('section', { className: 'card', id: 'school-settings' }, el('h2', {}, 'School'), statsSettingsForm(stats)),
    await departmentsCard(),
    await appointmentsCard(),
    feedbackCard(feedbackAsked),
    el('section', { className: 'card', id: 'director-lock-settings' }, el('h2', {}, 'Director lock'), autoLockForm(director.autoLockMinutes), changePinForm()),
  );
}
