// Logged sessions: find them, correct one with the log form's own rules, delete one with a
// reason, and read its history (every change, old → new).

import { api } from '../../api.js';
import { clearFormMessage, dateInput, el, emptyState, field, formMessage } from '../../dom.js';
import { openSessionForm } from '../session-form.js';
import { showPaged } from '../../paging.js';
import { labelOf } from '../../vocabulary.js';

const show = (value) => (value === null || value === undefined || value === '' ? '(empty)' : String(value));

function historyPanel(entries) {
  return el('div', { className: 'history', id: 'session-history' },
    el('h3', { id: 'session-history-heading', tabindex: '-1' }, 'History'),
    el('ol', {}, entries.map((entry) => el('li', {},
      el('div', { className: 'history-head' }, `${entry.at.replace('T', ' ')} · ${entry.actor} · ${labelOf('auditActions', entry.action)}`),
      el('ul', {}, Object.entries(entry.changes || {}).map(([fieldName, [before, after]]) =>
        el('li', {}, el('strong', {}, `${fieldName}: `), entry.action === 'update' ? `${show(before)} → ${show(after)}` : show(after))))))));
}

function deleteForm(row, { deleted, cancel }) {
  const reason = el('input', { name: 'reason', autocomplete: 'off', maxLength: 200, placeholder: 'e.g. logged for the wrong writer' });
  const form = el('form', { className: 'fields', id: 'delete-session', noValidate: true },
    field(`Why delete the session of ${row.startedAt.slice(0, 10)} with ${row.studentName}?`, reason),
    el('div', { className: 'form-actions' },
      el('button', { type: 'submit', className: 'danger' }, 'Delete session'),
      el('button', { type: 'button', className: 'secondary', onclick: cancel }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      await api.deleteSession(row.id, reason.value);
      deleted();
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  queueMicrotask(() => reason.focus());
  return form;
}

export async function sessionsSection() {
  const inputs = {
    writer: el('input', { name: 'writer', autocomplete: 'off', placeholder: 'name' }),
    from: dateInput({ name: 'from', placeholder: 'YYYY-MM-DD' }),
    to: dateInput({ name: 'to', placeholder: 'YYYY-MM-DD' }),
    includeDeleted: el('input', { name: 'includeDeleted', type: 'checkbox' }),
  };
  const list = el('div', { id: 'sessions-list' });
  const detail = el('div', { id: 'session-detail' });
  const filters = el('form', { className: 'fields', id: 'session-filters', noValidate: true },
    field('Writer', inputs.writer), field('From', inputs.from), field('To', inputs.to),
    el('label', { className: 'check' }, inputs.includeDeleted, 'Show deleted'),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Find sessions')));

  function sessionRow(row) {
    return el('tr', { dataset: { sessionId: row.id }, className: row.deleted ? 'deleted' : '' },
      el('td', { className: 'when' }, el('span', {}, row.startedAt.slice(0, 10)), ' ', el('span', {}, row.startedAt.slice(11, 16))),
      el('td', {}, row.studentName),
      el('td', {}, row.tutors),
      el('td', { className: 'num' }, String(row.minutes)),
      el('td', {}, row.assignmentType),
      el('td', {}, row.writingStage, row.deleted ? el('span', { className: 'badge warn' }, ' deleted') : null),
      el('td', {}, el('div', { className: 'row-actions' },
        row.deleted ? null : el('button', { type: 'button', className: 'secondary correct', onclick: () => correct(row) }, 'Correct'),
        el('button', { type: 'button', className: 'secondary history-button', onclick: () => history(row) }, 'History'),
        row.deleted ? null : el('button', { type: 'button', className: 'secondary delete', onclick: (event) => remove(row, event.currentTarget) }, 'Delete'))));
  }

  async function refresh() {
    clearFormMessage(filters);
    const filter = {
      writer: inputs.writer.value, from: inputs.from.value || null, to: inputs.to.value || null,
      includeDeleted: inputs.includeDeleted.checked,
    };
    const table = el('table', { id: 'sessions-table' },
      el('thead', {}, el('tr', {}, ['Date', 'Writer', 'Tutors', 'Minutes', 'Assignment', 'Stage', ''].map((h, i) => el('th', { className: i === 3 ? 'num' : '' }, h)))));
    try {
      await showPaged(list, table, (limit, offset) => api.listSessions(filter, { limit, offset }), sessionRow, emptyState('No sessions match.'));
    } catch (error) {
      formMessage(filters, error.message);
    }
  }

  async function history(row) {
    detail.replaceChildren(historyPanel(await api.recordHistory('session', row.id)));
    detail.scrollIntoView({ block: 'nearest' });
  }

  // After a correction or a deletion the list is redrawn and the row's buttons are gone: the
  // focus goes to the history, which shows what was changed.
  async function showChange(row) {
    await refresh();
    await history(row);
    document.getElementById('session-history-heading').focus();
  }

  async function correct(row) {
    const [initial, tutors] = await Promise.all([api.sessionForEdit(row.id), api.listTutors()]);
    await openSessionForm({
      title: 'Correct the session', who: `${row.studentName} · ${row.startedAt.slice(0, 10)}`, initial, tutors,
      saveLabel: 'Save correction',
      save: (form) => api.correctSession(row.id, { ...form, studentId: initial.studentId }),
      saved: () => showChange(row),
    });
  }

  function remove(row, opener) {
    detail.replaceChildren(deleteForm(row, {
      deleted: () => showChange(row),
      cancel: () => { detail.replaceChildren(); opener.focus(); },
    }));
  }

  filters.addEventListener('submit', (event) => { event.preventDefault(); refresh(); });
  await refresh();
  return [el('section', { className: 'card', id: 'sessions' }, el('h2', {}, 'Sessions'), filters, list, detail)];
}
