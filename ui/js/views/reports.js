// Reports for a partner: de-identified CSV files the director saves and sends. Names, student
// numbers, teachers, notes and next steps never appear in them.

import { api } from '../api.js';
import { el, field, formMessage, clearFormMessage, emptyState } from '../dom.js';
import { today } from '../time.js';

export async function render(container) {
  const [partners, folder] = await Promise.all([api.listInstitutions(), api.exportFolder()]);
  container.replaceChildren(el('h1', {}, 'Reports'),
    el('p', { className: 'lede' }, 'CSV files for a partner, safe to open in Excel. Writers appear only as codes that stay the same in every report to that partner.'));
  if (!partners.length) {
    container.append(emptyState('Add a partner institution in Partners first.'));
    return;
  }
  const partner = el('select', { id: 'report-partner' }, partners.map((p) => el('option', { value: p.id }, p.name)));
  const year = new Date().getMonth() >= 7 ? new Date().getFullYear() : new Date().getFullYear() - 1;
  const from = el('input', { id: 'report-from', value: `${year}-08-01`, autocomplete: 'off', inputMode: 'numeric' });
  const to = el('input', { id: 'report-to', value: today(), autocomplete: 'off', inputMode: 'numeric' });
  const form = el('form', { className: 'fields', id: 'report-form', noValidate: true },
    field('Partner', partner), field('From', from, 'YYYY-MM-DD'), field('To', to, 'YYYY-MM-DD'),
    el('div', { className: 'form-actions' },
      el('button', { type: 'submit', id: 'export-sessions' }, 'Export de-identified sessions'),
      el('button', { type: 'button', className: 'secondary', id: 'export-activities' }, 'Export partnership activities')));

  /** Asks where to save (unless reports go to a fixed folder), exports, and says where it went. */
  async function exportReport(fileName, run, noun) {
    clearFormMessage(form);
    try {
      const path = folder ? null : await api.chooseSavePath(`${fileName}-${from.value}-to-${to.value}.csv`);
      if (!folder && !path) return; // cancelled
      const saved = await run(Number(partner.value), from.value, to.value, path);
      formMessage(form, `Saved ${saved.rows} ${noun} to ${saved.path}`, 'ok').id = 'export-summary';
    } catch (error) {
      formMessage(form, error.message);
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    exportReport('sessions-deidentified', api.exportDeidentifiedSessions, 'sessions');
  });
  form.querySelector('#export-activities').addEventListener('click', () =>
    exportReport('partnership-activities', api.exportActivities, 'activities'));
  container.append(el('section', { className: 'card', id: 'report-sessions' },
    el('h2', {}, 'Reports for this partner'),
    el('p', { className: 'hint' }, 'De-identified sessions: one row per session with a writer code, grade, date, ISO week, minutes, mode, department, assignment type, stage, concerns, tutor kind, confidence before and after. Partnership activities: the log with this partner, both directions.'),
    form));
}
