// Shown instead of the app when the database could not be opened. A damaged database can be
// replaced by the newest backup that passes every check; one from a newer app is only explained.
// With no database there is no director area to unlock: a backup with a director PIN asks for
// that PIN (or its recovery code), and one without a PIN is taken only from the backups folder.

import { api } from '../api.js';
import { el, field } from '../dom.js';
import { backupFacts } from './backup-facts.js';

async function restoreOffer(status) {
  const holder = el('div', { id: 'recovery-offer' }, el('p', {}, 'Looking for the newest good backup\u2026'));
  const message = el('p', { className: 'form-message error', role: 'alert', hidden: true });
  const secret = el('input', { id: 'recovery-secret', type: 'password', autocomplete: 'off', maxLength: 128 });
  const secretField = field('Director PIN or recovery code of the backup', secret, 'needed when the backup has a director PIN');
  const restore = async (path) => {
    message.hidden = true;
    try {
      await api.restoreBackup(path, secret.value);
      location.reload();
    } catch (error) {
      secret.value = '';
      message.textContent = error.message;
      message.hidden = false;
    }
  };
  const chooseFile = el('button', { type: 'button', className: 'secondary', id: 'restore-other' }, 'Choose another backup file\u2026');
  chooseFile.addEventListener('click', async () => {
    const path = await api.chooseOpenPath();
    if (path) await restore(path);
  });
  const newest = await api.newestGoodBackup().catch(() => null);
  if (newest) {
    const button = el('button', { type: 'button', id: 'restore-newest' }, 'Restore this backup');
    button.addEventListener('click', () => restore(newest.path));
    holder.replaceChildren(el('h2', {}, 'Newest good backup'), backupFacts(newest),
      el('p', {}, 'Restoring puts this backup in place of the damaged file. The damaged file is kept beside it, renamed, in case it is needed.'),
      secretField, message, el('div', { className: 'form-actions' }, button, chooseFile));
  } else {
    holder.replaceChildren(
      el('p', {}, 'No good backup was found in:'), el('code', {}, status.backupDir),
      el('p', {}, 'If you have a backup elsewhere (a USB drive, the school\u2019s share), choose it here. A backup from elsewhere needs its director PIN or recovery code.'),
      secretField, message, el('div', { className: 'form-actions' }, chooseFile));
  }
  return holder;
}

export async function renderRecovery(problem, status) {
  const card = el('div', { className: 'card fatal', id: 'startup-problem', role: 'alert' },
    el('h1', {}, problem.kind === 'damaged' ? 'The database is damaged' : 'Scriptorium could not open its database'),
    ...(problem.kind === 'damaged'
      ? [el('p', {}, 'Scriptorium checks its database every time it starts, and this time the check failed: part of the file is unreadable (a failing disk or a power cut can do this).'),
        el('details', {}, el('summary', {}, 'Technical details'), el('p', { className: 'hint' }, problem.message))]
      : [el('p', {}, problem.message)]),
    el('p', {}, 'Nothing was changed. Database file:'),
    el('code', {}, status.databaseFile));
  document.querySelector('.shell').replaceWith(card);
  if (problem.kind !== 'database_too_new') card.append(await restoreOffer(status));
}
