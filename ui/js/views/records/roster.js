// Roster import: choose the student information system's CSV export, see what would change
// (with every rejected row and its reason), then import it in one step.

import { api } from '../../api.js';
import { el, field, formMessage, clearFormMessage, emptyState } from '../../dom.js';

const ACTION_LABELS = { add: 'Add', update: 'Update', unchanged: 'Unchanged', reject: 'Rejected' };

function countsLine(counts, done) {
  const parts = [
    `${counts.added} ${done ? 'added' : 'to add'}`,
    `${counts.updated} ${done ? 'updated' : 'to update'}`,
    `${counts.unchanged} unchanged`,
    `${counts.rejected} rejected`,
  ];
  if (counts.deactivated) parts.push(`${counts.deactivated} ${done ? 'marked inactive' : 'to mark inactive'}`);
  return parts.join(' · ');
}

function rowsTable(rows) {
  if (!rows.length) return emptyState('Every row is fine.');
  return el('table', { id: 'roster-rows' },
    el('thead', {}, el('tr', {}, ['Line', 'Student number', 'Name', 'Action', 'Reason'].map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((row) => el('tr', { className: row.action === 'reject' ? 'rejected' : '' },
      el('td', { className: 'num' }, String(row.line)),
      el('td', {}, row.studentNumber),
      el('td', {}, row.name),
      el('td', {}, ACTION_LABELS[row.action] || row.action),
      el('td', {}, row.reason || '')))));
}

export function rosterSection({ imported }) {
  const file = el('input', { type: 'file', id: 'roster-file', accept: '.csv,text/csv' });
  const deactivate = el('input', { type: 'checkbox', id: 'roster-deactivate' });
  const result = el('div', { id: 'roster-result' });
  const form = el('form', { className: 'fields', id: 'roster-form', noValidate: true },
    field('Student roster (CSV)', file, 'columns: student number, first name, last name, grade or graduation year'),
    el('label', { className: 'check span-all' }, deactivate, 'Year end: mark students who are not in this file inactive'),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit', id: 'roster-preview' }, 'Preview')));
  let bytes = null;

  async function readFile() {
    const chosen = file.files[0];
    if (!chosen) throw new Error('Choose the CSV file first.');
    return new Uint8Array(await chosen.arrayBuffer());
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    result.replaceChildren();
    try {
      bytes = await readFile();
      const preview = await api.previewRoster(bytes, deactivate.checked);
      const importButton = el('button', { type: 'button', id: 'roster-import' }, 'Import');
      importButton.addEventListener('click', async () => {
        importButton.disabled = true;
        try {
          const summary = await api.importRoster(bytes, deactivate.checked);
          result.replaceChildren(
            el('p', { className: 'form-message ok', id: 'roster-summary', role: 'status' }, `Imported: ${countsLine(summary.counts, true)}.`),
            summary.rows.length ? el('h3', {}, 'Rows not imported') : null,
            summary.rows.length ? rowsTable(summary.rows) : null);
          await imported();
        } catch (error) {
          importButton.disabled = false;
          formMessage(form, error.message);
        }
      });
      result.replaceChildren(
        el('p', { className: 'roster-counts', id: 'roster-counts' }, `Preview: ${countsLine(preview.counts, false)}. Nothing has been written yet.`),
        el('div', { className: 'form-actions' }, importButton),
        rowsTable(preview.rows));
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  return el('section', { className: 'card', id: 'roster' }, el('h2', {}, 'Import the student roster'), form, result);
}
