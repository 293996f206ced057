// Tutors on staff, and adding one: peer tutors, university tutors, preservice teachers, staff.

import { api } from '../../api.js';
import { el, field, formMessage, clearFormMessage, emptyState } from '../../dom.js';

const KINDS = [['peer', 'Peer tutor'], ['university', 'University tutor'], ['preservice', 'Preservice teacher'], ['staff', 'Staff']];

async function renderList(holder) {
  const tutors = await api.listTutors();
  holder.replaceChildren(tutors.length
    ? el('table', { id: 'tutors-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Name'), el('th', {}, 'Kind'), el('th', {}, 'Shift'))),
      el('tbody', {}, tutors.map((tutor) => el('tr', {},
        el('td', {}, tutor.name),
        el('td', {}, Object.fromEntries(KINDS)[tutor.kind] || tutor.kind),
        el('td', {}, tutor.onShiftSince ? 'on shift' : '')))))
    : emptyState('No tutors yet. Add the center\u2019s tutors here so they can clock in at the desk.'));
}

function addTutorForm(onAdded) {
  const name = el('input', { name: 'name', autocomplete: 'off', maxLength: 80 });
  const kind = el('select', { name: 'kind' }, KINDS.map(([value, label]) => el('option', { value }, label)));
  const form = el('form', { className: 'fields', id: 'add-tutor', noValidate: true },
    field('Name', name),
    field('Kind', kind),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Add tutor')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      const tutor = await api.addTutor({ name: name.value, kind: kind.value });
      form.reset();
      formMessage(form, `Added ${tutor.name}.`, 'ok');
      name.focus();
      await onAdded();
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  return form;
}

/** Shifts left open overnight and closed at closing time: their real end is unknown. */
async function autoClosedShifts() {
  const shifts = await api.autoClosedShifts();
  if (!shifts.length) return [];
  return [el('section', { className: 'card', id: 'auto-closed-shifts' },
    el('h2', {}, 'Shifts closed automatically'),
    el('p', { className: 'hint' }, 'These tutors did not clock out; their shifts were closed at closing time. Check the hours with them.'),
    el('table', {},
      el('thead', {}, el('tr', {}, el('th', {}, 'Tutor'), el('th', {}, 'Clocked in'), el('th', {}, 'Closed at'), el('th', { className: 'num' }, 'Minutes'))),
      el('tbody', {}, shifts.map((shift) => el('tr', {},
        el('td', {}, shift.tutorName),
        el('td', {}, shift.clockInAt.replace('T', ' ').slice(0, 16)),
        el('td', {}, (shift.clockOutAt || '').replace('T', ' ').slice(0, 16)),
        el('td', { className: 'num' }, shift.minutes ?? ''))))))];
}

/** The add form and the list; `refresh()` reloads the list (e.g. after an import). */
export async function tutorsSection() {
  const list = el('div', { id: 'tutors-list' });
  const refresh = () => renderList(list);
  await refresh();
  return {
    sections: [el('section', { className: 'card' }, el('h2', {}, 'Tutors'), addTutorForm(refresh), list), ...(await autoClosedShifts())],
    refresh,
  };
}
