// Students (writers) on file, and adding one.

import { api } from '../../api.js';
import { el, field, formMessage, clearFormMessage, emptyState, valueOrNull, numberOrNull } from '../../dom.js';
import { showPaged } from '../../paging.js';
import { openSessionForm } from '../session-form.js';

/** The director adds a session the desk could not log: a past one, or one without a visit. */
async function addPastSession(student, name, row) {
  const tutors = await api.listTutors();
  await openSessionForm({
    title: 'Add a past session', who: name, initial: { tutorIds: [], concerns: [] }, tutors, saveLabel: 'Add session',
    save: (form) => api.addPastSession({ ...form, studentId: student.id }),
    saved: () => { row.querySelector('.add-past-session').textContent = 'Session added \u2014 add another'; },
  });
}

function studentRow(student) {
  const name = `${student.lastName}, ${student.firstName}`;
  const toggle = el('button', { type: 'button', className: 'secondary toggle-active' }, student.active ? 'Mark inactive' : 'Mark active');
  const past = el('button', { type: 'button', className: 'secondary add-past-session', 'aria-label': `Add a past session for ${name}` }, 'Add a past session');
  const row = el('tr', { dataset: { studentId: student.id }, className: student.active ? '' : 'inactive' },
    el('td', {}, name, student.preferredName ? el('span', { className: 'hint' }, ` (${student.preferredName})`) : null,
      student.active ? null : el('span', { className: 'badge muted' }, ' inactive')),
    el('td', {}, student.studentNumber ?? el('span', { className: 'badge muted' }, 'no number')),
    el('td', { className: 'num' }, student.grade ?? '—'),
    el('td', {}, student.multilingual ? 'Yes' : ''),
    el('td', {}, el('div', { className: 'row-actions' }, past, toggle)));
  past.addEventListener('click', () => addPastSession(student, name, row));
  // Changed in place, so the director keeps their page (and can undo at once).
  toggle.addEventListener('click', async () => {
    await api.setStudentActive(student.id, !student.active);
    const changed = studentRow({ ...student, active: !student.active });
    row.replaceWith(changed);
    changed.querySelector('.toggle-active').focus();
  });
  return row;
}

async function renderList(holder, filter) {
  const table = el('table', { id: 'students-table' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Name'), el('th', {}, 'Student number'), el('th', { className: 'num' }, 'Grade'), el('th', {}, 'Multilingual'), el('th', {}, ''))));
  const empty = emptyState(filter.name || filter.includeInactive
    ? 'No students match.'
    : 'No students yet. Add one above, or import the school roster.');
  await showPaged(holder, table, (limit, offset) => api.listStudents({ ...filter, limit, offset }), studentRow, empty);
}

function addStudentForm(onAdded) {
  const inputs = {
    firstName: el('input', { name: 'firstName', autocomplete: 'off', required: true, maxLength: 80 }),
    lastName: el('input', { name: 'lastName', autocomplete: 'off', required: true, maxLength: 80 }),
    preferredName: el('input', { name: 'preferredName', autocomplete: 'off', maxLength: 80 }),
    studentNumber: el('input', { name: 'studentNumber', autocomplete: 'off', inputMode: 'numeric', maxLength: 20 }),
    grade: el('select', { name: 'grade' }, el('option', { value: '' }, '—'), [6, 7, 8, 9, 10, 11, 12].map((g) => el('option', { value: g }, g))),
    multilingual: el('input', { name: 'multilingual', type: 'checkbox' }),
  };
  const form = el('form', { className: 'fields', id: 'add-student', noValidate: true },
    field('First name', inputs.firstName),
    field('Last name', inputs.lastName),
    field('Preferred name', inputs.preferredName, 'optional'),
    field('Student number', inputs.studentNumber, 'from the ID card'),
    field('Grade', inputs.grade),
    el('label', { className: 'check' }, inputs.multilingual, 'Multilingual writer'),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Add student')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      const student = await api.addStudent({
        firstName: inputs.firstName.value,
        lastName: inputs.lastName.value,
        preferredName: valueOrNull(inputs.preferredName),
        studentNumber: valueOrNull(inputs.studentNumber),
        grade: numberOrNull(inputs.grade),
        multilingual: inputs.multilingual.checked,
      });
      form.reset();
      formMessage(form, `Added ${student.firstName} ${student.lastName}.`, 'ok');
      inputs.firstName.focus();
      await onAdded();
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  return form;
}

/** The add form and the list; `refresh()` reloads the list (e.g. after a roster import). */
export async function studentsSection() {
  const list = el('div', { id: 'students-list' });
  const name = el('input', { id: 'students-filter', type: 'search', autocomplete: 'off', placeholder: 'name or student number' });
  const includeInactive = el('input', { id: 'students-inactive', type: 'checkbox' });
  const refresh = () => renderList(list, { name: name.value, includeInactive: includeInactive.checked });
  name.addEventListener('input', refresh);
  includeInactive.addEventListener('change', refresh);
  await refresh();
  return {
    sections: [
      el('section', { className: 'card' }, el('h2', {}, 'Add a student'), addStudentForm(refresh)),
      el('section', { className: 'card', id: 'students' }, el('h2', {}, 'Students'),
        el('div', { className: 'fields filters' }, field('Find', name), el('label', { className: 'check' }, includeInactive, 'Show inactive')),
        list),
    ],
    refresh,
  };
}
