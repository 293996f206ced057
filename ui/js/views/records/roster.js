// Roster import: choose the export (students from the school's information system, the tutor
// list or the teacher list) in the open dialog, see what would change (every rejected row with
// its reason), then import it. Rust reads the chosen file.

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

const KINDS = {
  students: {
    prefix: 'roster', title: 'Import the student roster', label: 'Student roster (CSV, text or spreadsheet)',
    hint: 'columns: student number, first name, last name, grade or graduation year',
    preview: (path, sheet, deactivate) => api.previewRoster(path, sheet, deactivate),
    import: (path, sheet, deactivate) => api.importRoster(path, sheet, deactivate),
    yearEnd: true, numbers: true,
  },
  tutors: {
    prefix: 'tutor-roster', title: 'Import the tutor list', label: 'Tutor list (CSV, text or spreadsheet)',
    hint: 'columns: name, kind (peer, university, preservice, staff); optional languages, strengths, institution (a partner\'s name as under Partners)',
    preview: (path, sheet) => api.previewTutorRoster(path, sheet),
    import: (path, sheet) => api.importTutorRoster(path, sheet),
    yearEnd: false, numbers: false,
  },
  teachers: {
    prefix: 'teacher-roster', title: 'Import the teacher list', label: 'Teacher list (CSV, text or spreadsheet)',
    hint: 'columns: name; optional department (the school\u2019s list), email, courses',
    preview: (path, sheet) => api.previewTeacherRoster(path, sheet),
    import: (path, sheet) => api.importTeacherRoster(path, sheet),
    yearEnd: false, numbers: false,
  },
};

function rowsTable(rows, kind) {
  if (!rows.length) return emptyState('Every row is fine.');
  const headers = ['Line', kind.numbers ? 'Student number' : null, 'Name', 'Action', 'Reason'].filter(Boolean);
  return el('table', { id: `${kind.prefix}-rows` },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((row) => el('tr', { className: row.action === 'reject' ? 'rejected' : '' },
      el('td', { className: 'num' }, String(row.line)),
      kind.numbers ? el('td', {}, row.studentNumber) : null,
      el('td', {}, row.name),
      el('td', {}, ACTION_LABELS[row.action] || row.action),
      el('td', {}, row.reason || '')))));
}

/** @param {'students'|'tutors'|'teachers'} which */
export function rosterSection(which, { imported }) {
  const kind = KINDS[which];
  const id = (name) => `${kind.prefix}-${name}`;
  const chosenName = el('span', { className: 'chosen-file', id: id('chosen'), 'aria-live': 'polite' }, 'No file chosen');
  const choose = el('button', { type: 'button', className: 'secondary', id: id('choose'), 'aria-describedby': id('chosen') }, 'Choose a file\u2026');
  const deactivate = el('input', { type: 'checkbox', id: id('deactivate') });
  const result = el('div', { id: id('result') });
  // A workbook's sheets are offered as soon as it is chosen; null: the first, or a text file.
  let sheet = null;
  let path = null;
  const sheetChoice = el('select', { id: id('sheet'), 'aria-label': 'Sheet to read' });
  const sheetField = el('div', { hidden: true }, field('Sheet', sheetChoice, 'the workbook has several'));
  sheetChoice.addEventListener('change', () => { sheet = sheetChoice.value; });
  const form = el('form', { className: 'fields roster-form', id: id('form'), noValidate: true },
    el('div', { className: 'file-choice', role: 'group', 'aria-label': kind.label },
      el('span', {}, kind.label),
      el('span', { className: 'hint' }, kind.hint),
      el('div', { className: 'file-row' }, choose, chosenName)),
    sheetField,
    kind.yearEnd ? el('label', { className: 'check span-all' }, deactivate, 'Year end: mark students who are not in this file inactive') : null,
    el('div', { className: 'form-actions' }, el('button', { type: 'submit', id: id('preview') }, 'Preview')));
  choose.addEventListener('click', async () => {
    clearFormMessage(form);
    const chosen = await api.chooseRosterPath();
    if (!chosen) return;
    path = chosen;
    sheet = null;
    sheetField.hidden = true;
    result.replaceChildren();
    chosenName.textContent = chosen.split(/[\\/]/).pop();
    try {
      const names = await api.rosterSheets(path);
      sheetChoice.replaceChildren(...names.map((name) => el('option', { value: name }, name)));
      sheetField.hidden = names.length < 2;
    } catch (error) {
      formMessage(form, error.message);
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    result.replaceChildren();
    try {
      if (!path) throw new Error('Choose the file first.');
      // The import applies exactly what was previewed, even if another file is chosen meanwhile.
      const previewed = { path, sheet, deactivate: deactivate.checked };
      const preview = await kind.preview(previewed.path, previewed.sheet, previewed.deactivate);
      const importButton = el('button', { type: 'button', id: id('import') }, 'Import');
      importButton.addEventListener('click', async () => {
        importButton.disabled = true;
        try {
          const summary = await kind.import(previewed.path, previewed.sheet, previewed.deactivate);
          result.replaceChildren(
            el('p', { className: 'form-message ok', id: id('summary'), role: 'status' }, `Imported: ${countsLine(summary.counts, true)}.`),
            summary.rows.length ? el('h3', {}, 'Rows not imported') : null,
            summary.rows.length ? rowsTable(summary.rows, kind) : null);
          await imported();
        } catch (error) {
          importButton.disabled = false;
          formMessage(form, error.message);
        }
      });
      result.replaceChildren(
        el('p', { className: 'hint', id: id('format') }, `Read as ${preview.format}: check that accented names below look right.`),
        el('p', { className: 'roster-counts', id: id('counts') }, `Preview: ${countsLine(preview.counts, false)}. Nothing has been written yet.`),
        el('div', { className: 'form-actions' }, importButton),
        rowsTable(preview.rows, kind));
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  return el('section', { className: 'card', id: kind.prefix }, el('h2', {}, kind.title), form, result);
}
