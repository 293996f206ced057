// The school: its name, when the week starts, the school year, enrollment per grade (for "% of
// each grade served") and the bell schedule (for the busy-times heatmap and appointments).

import { api } from '../api.js';
import { clearFormMessage, dateInput, el, field, formMessage } from '../dom.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const GRADES = [9, 10, 11, 12];

function periodsText(periods) {
  return periods.map((p) => `${p.name}, ${p.start}, ${p.end}`).join('\n');
}

/** "Period 1, 08:00, 08:55" per line; the Rust side checks the times themselves. */
function parsePeriods(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line, index) => {
    const parts = line.split(',').map((part) => part.trim());
    if (parts.length !== 3) throw new Error(`Bell schedule line ${index + 1} needs a name, a start and an end, separated by commas.`);
    const [name, start, end] = parts;
    return { name, start, end };
  });
}

export function statsSettingsForm(current) {
  const schoolName = el('input', { id: 'school-name', value: current.schoolName || '', maxLength: 120, autocomplete: 'organization' });
  const weekStart = el('select', { id: 'week-start-day' }, DAYS.map((day, index) => el('option', { value: index, selected: index === current.weekStartDay }, day)));
  const yearStart = dateInput({ id: 'school-year-start', value: current.schoolYearStart || '', placeholder: 'YYYY-MM-DD' });
  const yearEnd = dateInput({ id: 'school-year-end', value: current.schoolYearEnd || '', placeholder: 'YYYY-MM-DD' });
  const enrollment = Object.fromEntries(GRADES.map((grade) => {
    const known = current.enrollment.find((row) => row.grade === grade);
    return [grade, el('input', { id: `enrollment-${grade}`, type: 'number', min: 0, value: known ? known.students : '', inputMode: 'numeric' })];
  }));
  const periods = el('textarea', { id: 'bell-schedule', value: periodsText(current.periods), rows: 10 });

  const form = el('form', { className: 'fields', id: 'stats-settings', noValidate: true },
    el('div', { className: 'span-all' }, field('School name', schoolName)),
    field('Week starts on', weekStart),
    field('School year: first day', yearStart, 'empty: August 1'),
    field('School year: last day', yearEnd, 'empty: July 31'),
    el('div'),
    GRADES.map((grade) => field(`Grade ${grade} enrollment`, enrollment[grade])),
    el('label', { className: 'span-all' }, 'Bell schedule', el('span', { className: 'hint' }, 'one period per line: name, start, end (e.g. Period 1, 08:00, 08:55)'), periods),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Save school settings')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      await api.saveStatsSettings({
        schoolName: schoolName.value,
        weekStartDay: Number(weekStart.value),
        schoolYearStart: yearStart.value.trim() || null,
        schoolYearEnd: yearEnd.value.trim() || null,
        enrollment: GRADES.filter((grade) => enrollment[grade].value.trim() !== '')
          .map((grade) => ({ grade, students: Number(enrollment[grade].value) })),
        periods: parsePeriods(periods.value),
      });
      formMessage(form, 'Saved. The statistics and appointments use these settings from now on.', 'ok');
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  return form;
}
