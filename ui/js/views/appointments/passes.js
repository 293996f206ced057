// Appointment passes on paper: one per writer (name, date, period, time, tutor, room, and a line
// for the releasing teacher's signature), several to a sheet. Shown only when printing passes.

import { el } from '../../dom.js';

const ROOM = 'Writing Center';

export function passes(appointments) {
  const due = appointments.filter((a) => ['scheduled', 'checked_in'].includes(a.status));
  return el('div', { id: 'passes', className: 'passes print-only' }, due.map((a) => el('div', { className: 'pass' },
    el('h3', {}, 'Writing Center pass'),
    el('p', { className: 'pass-name' }, a.studentName),
    el('dl', {},
      el('dt', {}, 'Date'), el('dd', {}, a.date),
      el('dt', {}, 'Period'), el('dd', {}, a.period || '\u2014'),
      el('dt', {}, 'Time'), el('dd', {}, `${a.start}\u2013${a.end}`),
      el('dt', {}, 'Tutor'), el('dd', {}, a.tutorName ?? 'Any tutor'),
      el('dt', {}, 'Room'), el('dd', {}, ROOM)),
    el('p', { className: 'signature' }, 'Released by (teacher): ____________________'))));
}
