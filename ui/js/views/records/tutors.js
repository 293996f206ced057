// Tutors on staff, and adding one: peer tutors, university tutors, preservice teachers, staff.

import { api } from '../../api.js';
import { el, formMessage, emptyState, simpleForm } from '../../dom.js';

const KINDS = [['peer', 'Peer tutor'], ['university', 'University tutor'], ['preservice', 'Preservice teacher'], ['staff', 'Staff']];
const KIND_NAMES = Object.fromEntries(KINDS);

function partnerOptions(partners, selectedId) {
  return [el('option', { value: '' }, 'This school'),
    ...partners.map((p) => el('option', { value: p.id, selected: p.id === selectedId }, p.name))];
}

/** Each tutor's partner can be changed in place: their hours then count toward that partner. */
function partnerSelect(tutor, partners, row) {
  const select = el('select', { 'aria-label': `Partner institution of ${tutor.name}` }, partnerOptions(partners, tutor.institutionId));
  select.addEventListener('change', async () => {
    row.querySelector('.row-message')?.remove();
    try {
      await api.setTutorInstitution(tutor.id, select.value ? Number(select.value) : null);
    } catch (error) {
      select.value = tutor.institutionId ?? '';
      row.append(el('td', { className: 'row-message error', role: 'alert' }, error.message));
    }
  });
  return select;
}

async function renderList(holder, partners) {
  const tutors = await api.listTutors();
  holder.replaceChildren(tutors.length
    ? el('table', { id: 'tutors-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Name'), el('th', {}, 'Kind'), el('th', {}, 'From'), el('th', {}, 'Shift'))),
      el('tbody', {}, tutors.map((tutor) => {
        const row = el('tr', {}, el('td', {}, tutor.name), el('td', {}, KIND_NAMES[tutor.kind] || tutor.kind));
        row.append(el('td', {}, partnerSelect(tutor, partners, row)), el('td', {}, tutor.onShiftSince ? 'on shift' : ''));
        return row;
      })))
    : emptyState('No tutors yet. Add the center\u2019s tutors here so they can clock in at the desk.'));
}

function addTutorForm(partners, onAdded) {
  const name = el('input', { name: 'name', autocomplete: 'off', maxLength: 80 });
  const kind = el('select', { name: 'kind' }, KINDS.map(([value, label]) => el('option', { value }, label)));
  const partner = el('select', { name: 'institution' }, partnerOptions(partners, null));
  const form = simpleForm('add-tutor', [['Name', name], ['Kind', kind], ['From', partner, 'university tutors and preservice teachers: their institution']],
    'Add tutor',
    () => api.addTutor({ name: name.value, kind: kind.value, institutionId: partner.value ? Number(partner.value) : null }),
    async (tutor) => {
      formMessage(form, `Added ${tutor.name}.`, 'ok');
      name.focus();
      await onAdded();
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
  const partners = await api.listInstitutions();
  const refresh = () => renderList(list, partners);
  await refresh();
  return {
    sections: [el('section', { className: 'card' }, el('h2', {}, 'Tutors'), addTutorForm(partners, refresh), list), ...(await autoClosedShifts())],
    refresh,
  };
}
