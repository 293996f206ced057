// Reports: CSV files for a partner, de-identified except where the partner's own people are
// named (service hours); and one identified export for the school's own records, behind a warning.

import { api } from '../api.js';
import { clearFormMessage, dateInput, el, emptyState, field, formMessage } from '../dom.js';
import { disclosurePanel } from './reports/disclosure.js';

/** From and To fields, filled with this school year so far (`range` from the Rust side). */
function dateInputs(prefix, range) {
  return {
    from: dateInput({ id: `${prefix}-from`, value: range.from }),
    to: dateInput({ id: `${prefix}-to`, value: range.to }),
  };
}

/**
 * Asks where to save (unless reports go to a fixed folder), runs the export with that path, and
 * says in `form` how many rows went where.
 */
async function saveReport(form, folder, fileName, run, noun, filter = undefined) {
  clearFormMessage(form);
  try {
    const path = folder ? null : await api.chooseSavePath(fileName, filter);
    if (!folder && !path) return; // cancelled
    const saved = await run(path);
    formMessage(form, `Saved ${saved.rows} ${noun} to ${saved.path}`, 'ok').id = `${form.id}-summary`;
  } catch (error) {
    formMessage(form, error.message);
  }
}

function partnerCard(partners, folder, threshold, range) {
  const partner = el('select', { id: 'report-partner' }, partners.map((p) => el('option', { value: p.id }, p.name)));
  const { from, to } = dateInputs('report', range);
  const peers = el('input', { type: 'checkbox', id: 'report-include-peers' });
  const container = el('select', { id: 'report-container' },
    el('option', { value: 'csv' }, 'CSV file'),
    el('option', { value: 'package' }, 'Data package (zip)'));
  const button = (id, text, primary) => el('button', { type: primary ? 'submit' : 'button', id, className: primary ? null : 'secondary' }, text);
  const form = el('form', { className: 'fields', id: 'report-form', noValidate: true },
    field('Partner', partner), field('From', from, 'YYYY-MM-DD'), field('To', to, 'YYYY-MM-DD'),
    field('Save as', container, 'a package adds datapackage.json'),
    el('label', { className: 'check' }, peers, 'Service hours: also list our own peer tutors'),
    el('div', { className: 'form-actions' },
      button('export-sessions', 'De-identified sessions', true),
      button('export-summary', 'Weekly summary'),
      button('export-hours', 'Tutor service hours'),
      button('export-activities', 'Partnership activities')));
  const run = (stem, noun, exporter) => {
    const pkg = container.value === 'package';
    const filter = pkg ? { name: 'Data package (zip)', extensions: ['zip'] } : undefined;
    return saveReport(form, folder, `${stem}-${from.value}-to-${to.value}.${pkg ? 'zip' : 'csv'}`,
      (path) => exporter(Number(partner.value), path, pkg), noun, filter);
  };
  const disclosureHolder = el('div', { id: 'deidentified-preview' });
  // The de-identified file is shown as figures first; it is saved only from there.
  async function previewSessions() {
    clearFormMessage(form);
    disclosureHolder.replaceChildren();
    const partnerName = partner.selectedOptions[0]?.textContent ?? '';
    try {
      const disclosure = await api.previewDeidentifiedSessions(Number(partner.value), from.value, to.value);
      // Saved or cancelled, the panel goes with its buttons: the focus goes back to the form's.
      const closePanel = () => { disclosureHolder.replaceChildren(); form.querySelector('#export-sessions').focus(); };
      const panel = disclosurePanel(disclosure, partnerName, {
        save: async () => {
          await run('sessions-deidentified', 'sessions', (id, path, pkg) => api.exportDeidentifiedSessions(id, from.value, to.value, path, pkg)
            .then((saved) => ({ ...saved, path: `${saved.path} (what was done: ${saved.readme})` })));
          closePanel();
        },
        cancel: closePanel,
      });
      disclosureHolder.replaceChildren(panel.element);
      panel.focus();
    } catch (error) {
      formMessage(form, error.message);
    }
  }
  const reports = {
    'export-sessions': previewSessions,
    'export-summary': () => run('weekly-summary', 'weeks', (id, path, pkg) => api.exportWeeklySummary(id, from.value, to.value, path, pkg)),
    'export-hours': () => run('tutor-service-hours', 'rows (tutors and the total)', (id, path, pkg) => api.exportServiceHours(id, peers.checked, from.value, to.value, path, pkg)),
    'export-activities': () => run('partnership-activities', 'activities', (id, path, pkg) => api.exportActivities(id, from.value, to.value, path, pkg)),
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); reports['export-sessions'](); });
  for (const id of ['export-summary', 'export-hours', 'export-activities']) form.querySelector(`#${id}`).addEventListener('click', reports[id]);
  return el('section', { className: 'card', id: 'report-partner-card' },
    el('h2', {}, 'Reports for a partner'),
    el('ul', { className: 'hint report-list' },
      el('li', {}, el('strong', {}, 'De-identified sessions: '), `one row per session: ISO week, grade, length band, mode, department, assignment type, stage, tutor kind, confidence. No row is alike fewer than ${threshold} sessions: values are coarsened, or the row withheld, until it is. You see how many before saving. No names, numbers, dates, teachers, notes, next steps or concerns.`),
      el('li', {}, el('strong', {}, 'Weekly summary: '), `sessions, writers (unique, new, returning), minutes, by grade and tutor kind, per ISO week. Counts under ${threshold} read \u201csuppressed\u201d, with whatever else would give them away.`),
      el('li', {}, 'Both cover whole weeks that have ended, each week judged on its own, with no total over the range: two files that overlap show the same weeks alike, so one can\u2019t be subtracted from the other.'),
      el('li', {}, el('strong', {}, 'Tutor service hours: '), 'shifts, sessions and hours of this partner\u2019s tutors, named.'),
      el('li', {}, el('strong', {}, 'Partnership activities: '), 'the log with this partner, both directions.'),
      el('li', {}, el('strong', {}, 'Data package: '), 'any of these as a zip holding the CSV and a datapackage.json (Frictionless Data) that gives each column\u2019s type and allowed values, the \u201csuppressed\u201d marker and the disclosure rules, so a university can check and load many schools\u2019 files with standard tools.')),
    form, disclosureHolder);
}

function thresholdCard(threshold) {
  const input = el('input', { id: 'suppression-threshold', type: 'number', min: 5, max: 30, value: threshold, inputMode: 'numeric' });
  const form = el('form', { className: 'fields', id: 'threshold-form', noValidate: true },
    field('Hide counts under', input, '5 to 30; 10 is the usual choice'),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Save')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      await api.setSuppressionThreshold(Number(input.value));
      formMessage(form, `Partner files now hide counts under ${Number(input.value)} and keep rows alike at least ${Number(input.value)} sessions.`, 'ok');
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  return el('section', { className: 'card' }, el('h2', {}, 'Small counts'), form);
}

function identifiedCard(folder, range) {
  const { from, to } = dateInputs('identified', range);
  const understood = el('input', { type: 'checkbox', id: 'identified-understood' });
  const form = el('form', { className: 'fields', id: 'identified-form', noValidate: true },
    field('From', from, 'YYYY-MM-DD'), field('To', to, 'YYYY-MM-DD'),
    el('label', { className: 'check wide' }, understood, 'I understand this file names students and holds tutors\u2019 notes. It stays in the school and is never sent to a partner.'),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit', className: 'danger', id: 'export-identified' }, 'Export identified sessions')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveReport(form, folder, `sessions-IDENTIFIED-internal-${from.value}-to-${to.value}.csv`,
      (path) => api.exportIdentifiedSessions(understood.checked, from.value, to.value, path), 'sessions');
  });
  return el('section', { className: 'card warning-card', id: 'identified-card' },
    el('h2', {}, 'Internal only: identified sessions'),
    el('p', { className: 'warning', role: 'note' }, 'This export holds students\u2019 names and numbers, teachers, notes and next steps about minors. Keep it on school computers; delete it when you are done.'),
    form);
}

export async function render(container) {
  const [partners, folder, threshold, range] = await Promise.all([
    api.listInstitutions(), api.exportFolder(), api.suppressionThreshold(), api.schoolYearSoFar()]);
  container.replaceChildren(el('h1', {}, 'Reports'),
    el('p', { className: 'lede' }, 'CSV files, safe to open in Excel. Each is written whole or not at all.'));
  container.append(partners.length
    ? partnerCard(partners, folder, threshold, range)
    : el('section', { className: 'card' }, el('h2', {}, 'Reports for a partner'), emptyState('Add a partner institution in Partners first.')));
  container.append(thresholdCard(threshold), identifiedCard(folder, range));
}
