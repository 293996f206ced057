// Settings → Backups: the automatic copies, a backup to a chosen file, and restoring one. A
// restore always shows what the backup holds and asks once more before replacing anything.

import { api } from '../api.js';
import { el, formMessage, clearFormMessage, emptyState } from '../dom.js';
import { today } from '../time.js';
import { backupFacts } from './backup-facts.js';

function size(bytes) {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

export async function backupsCard(status) {
  const [backups, folder] = await Promise.all([api.listBackups(), api.exportFolder()]);
  const form = el('form', { className: 'fields', id: 'backups-form', noValidate: true });
  const confirm = el('div', { id: 'restore-confirm', hidden: true });

  async function offerRestore(path) {
    clearFormMessage(form);
    try {
      const summary = await api.inspectBackup(path);
      const replace = el('button', { type: 'button', className: 'danger', id: 'restore-confirm-button' }, 'Replace the current data with this backup');
      const cancel = el('button', { type: 'button', className: 'secondary' }, 'Cancel');
      replace.addEventListener('click', async () => {
        try {
          await api.restoreBackup(summary.path);
          location.reload();
        } catch (error) {
          formMessage(form, error.message);
        }
      });
      cancel.addEventListener('click', () => { confirm.hidden = true; });
      confirm.replaceChildren(el('h3', {}, 'Restore this backup?'), backupFacts(summary),
        el('p', { className: 'hint' }, 'The current data is backed up first, then replaced. Scriptorium reloads on the restored data.'),
        el('div', { className: 'form-actions' }, replace, cancel));
      confirm.hidden = false;
      replace.focus();
    } catch (error) {
      formMessage(form, error.message);
    }
  }

  const backupNow = el('button', { type: 'button', id: 'backup-now' }, 'Back up now\u2026');
  backupNow.addEventListener('click', async () => {
    clearFormMessage(form);
    try {
      const path = folder ? null : await api.chooseSavePath(`scriptorium-backup-${today()}.db`, { name: 'Scriptorium backup', extensions: ['db'] });
      if (!folder && !path) return;
      const saved = await api.backupNow(path);
      formMessage(form, `Backed up ${saved.sessions} sessions to ${saved.path}`, 'ok').id = 'backup-summary';
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  const fromFile = el('button', { type: 'button', className: 'secondary', id: 'restore-file' }, 'Restore from a file\u2026');
  fromFile.addEventListener('click', async () => {
    const path = await api.chooseOpenPath();
    if (path) await offerRestore(path);
  });
  form.append(el('div', { className: 'form-actions' }, backupNow, fromFile));

  const newestDay = backups.find((b) => b.day)?.day;
  const stale = newestDay !== today();
  return el('section', { className: 'card', id: 'backups' },
    el('h2', {}, 'Backups'),
    el('p', { className: 'hint' }, 'Scriptorium copies its data when it starts and once a day, and checks every copy. It keeps the last 14 days and one copy a week for 8 weeks, in:'),
    el('code', { className: 'path' }, status.backupDir),
    stale ? el('p', { className: 'warning', role: 'alert' }, newestDay ? `The newest automatic backup is from ${newestDay}, not today.` : 'There is no automatic backup yet.') : null,
    form,
    confirm,
    backups.length
      ? el('table', { id: 'backups-table' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Backup'), el('th', { className: 'num' }, 'Size'), el('th', {}, ''))),
        el('tbody', {}, backups.map((backup) => el('tr', {},
          el('td', {}, backup.name),
          el('td', { className: 'num' }, size(backup.bytes)),
          el('td', {}, el('button', { type: 'button', className: 'secondary small', onClick: () => offerRestore(backup.path) }, 'Restore\u2026'))))))
      : emptyState('No backups yet.'));
}
