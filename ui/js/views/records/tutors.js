// Tutors on staff, and adding one: peer tutors, university tutors, preservice teachers, staff.

import { api } from '../../api.js';
import { el, formMessage, emptyState, simpleForm } from '../../dom.js';
import { clockTime, formatMinutes } from '../../time.js';
import { labelOf, termOptions } from '../../vocabulary.js';


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
        const row = el('tr', {}, el('td', {}, tutor.name), el('td', {}, labelOf('tutorKinds', tutor.kind)));
        row.append(el('td', {}, partnerSelect(tutor, partners, row)), el('td', {}, tutor.onShiftSince ? 'on shift' : ''));
        return row;
      })))
    : emptyState('No tutors yet. Add the center\u2019s tutors here so they can clock in at the desk.'));
}

function addTutorForm(partners, onAdded) {
  const name = el('input', { name: 'name', autocomplete: 'off', maxLength: 80 });
  const kind = el('select', { name: 'kind' }, termOptions('tutorKinds', el));
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

/** Shifts left open overnight and closed at closing time: the director sets each one's real end. */
async function autoClosedShifts() {
  const section = el('section', { className: 'card', id: 'auto-closed-shifts', tabIndex: -1 });

  function shiftRow(shift) {
    const day = shift.clockInAt.slice(0, 10);
    const end = el('input', {
      name: 'endTime', value: clockTime(shift.clockOutAt), inputMode: 'numeric', autocomplete: 'off', size: 5, maxLength: 5,
      'aria-label': `End of ${shift.tutorName}'s shift on ${day}`,
    });
    const form = el('form', { className: 'inline-form', noValidate: true }, end, el('button', { type: 'submit' }, 'Save end time'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const checked = await api.setShiftEnd(shift.id, end.value);
        await render(`${checked.tutorName}'s shift on ${day}: ${clockTime(shift.clockInAt)}–${clockTime(checked.clockOutAt)}, ${formatMinutes(checked.minutes)}.`);
      } catch (error) {
        formMessage(form, error.message);
        end.focus();
      }
    });
    return el('tr', { dataset: { shiftId: shift.id } },
      el('td', {}, shift.tutorName),
      el('td', {}, shift.clockInAt.replace('T', ' ').slice(0, 16)),
      el('td', {}, clockTime(shift.clockOutAt)),
      el('td', { className: 'num' }, shift.minutes ?? ''),
      el('td', {}, form));
  }

  async function render(saved) {
    const shifts = await api.autoClosedShifts();
    section.hidden = !shifts.length && !saved;
    // replaceChildren would print a null as text: absent parts are filtered out.
    section.replaceChildren(...[
      el('h2', {}, 'Shifts closed automatically'),
      el('p', { className: 'hint' }, 'These tutors did not clock out, so their shifts were closed at closing time. Ask them when they left and save the real end time; save it unchanged if closing time was right.'),
      saved ? el('p', { className: 'form-message ok', role: 'status', id: 'shift-saved' }, saved) : null,
      shifts.length
        ? el('table', {},
          el('thead', {}, el('tr', {}, el('th', {}, 'Tutor'), el('th', {}, 'Clocked in'), el('th', {}, 'Closed at'), el('th', { className: 'num' }, 'Minutes'), el('th', {}, 'Real end'))),
          el('tbody', {}, shifts.map(shiftRow)))
        : emptyState('Every shift closed automatically has been checked.'),
    ].filter(Boolean));
    // After a save the next shift is ready to check.
    if (saved) (section.querySelector('input[name=endTime]') || section).focus();
  }

  await render(null);
  return section;
}

/** The add form and the list; `refresh()` reloads the list (e.g. after an import). */
export async function tutorsSection() {
  const list = el('div', { id: 'tutors-list' });
  const partners = await api.listInstitutions();
  const refresh = () => renderList(list, partners);
  await refresh();
  return {
    sections: [el('section', { className: 'card' }, el('h2', {}, 'Tutors'), addTutorForm(partners, refresh), list), await autoClosedShifts()],
    refresh,
  };
}
