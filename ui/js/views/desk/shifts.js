// Tutor shifts: clock in and out from the desk; who is on shift is always visible.

import { el, emptyState } from '../../dom.js';
import { clockTime } from '../../time.js';
import { labelOf } from '../../vocabulary.js';


export function renderShifts(holder, tutors, { clockIn, clockOut, logHours }) {
  const rows = tutors.map((tutor) => el('li', { className: 'shift-row', dataset: { tutorId: tutor.id } },
    el('div', {},
      el('strong', {}, tutor.name), ' ',
      el('span', { className: 'badge muted' }, labelOf('tutorKinds', tutor.kind).toLowerCase()),
      el('div', { className: 'hint shift-state' }, tutor.onShiftSince ? `On shift since ${clockTime(tutor.onShiftSince)}` : 'Off shift')),
    tutor.onShiftSince
      ? el('button', { type: 'button', className: 'secondary clock-out', onclick: () => clockOut(tutor) }, 'Clock out')
      : el('button', { type: 'button', className: 'clock-in', onclick: () => clockIn(tutor) }, 'Clock in')));
  holder.replaceChildren(
    el('h2', {}, 'Tutors and shifts'),
    ...(tutors.length
      ? [el('ul', { className: 'shifts', id: 'shift-list' }, rows),
        el('button', { type: 'button', className: 'secondary', id: 'log-hours', onclick: logHours }, 'Log training or outreach hours\u2026')]
      : [emptyState('No tutors yet. The director adds them in Records.')]));
}
