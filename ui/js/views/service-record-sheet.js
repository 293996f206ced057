// A tutor's record of service for the school year, on paper: every shift, the sessions
// tutored, approved hours beyond shifts, the totals and a line for the director's signature.
// Several records print one to a page.

import { el } from '../dom.js';
import { labelOf } from '../vocabulary.js';

const hours = (minutes) => (minutes / 60).toFixed(2);

function table(id, headers, rows, empty) {
  if (!rows.length) return el('p', { className: 'hint' }, empty);
  return el('table', { className: 'record-table', id },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((cell) => el('td', {}, cell))))));
}

export function serviceRecordSheet(record) {
  const totals = [
    ['Shifts', `${record.shifts.length} ${record.shifts.length === 1 ? 'shift' : 'shifts'}, ${hours(record.shiftMinutes)} hours`],
    ['Sessions tutored', `${record.sessions} (${hours(record.sessionMinutes)} hours, within the shifts)`],
    ...record.otherByKind.map(([label, minutes]) => [label, `${hours(minutes)} hours`]),
    ['Total hours of service', hours(record.totalMinutes)],
  ];
  return el('section', { className: 'service-record', dataset: { tutorId: record.tutorId } },
    el('h2', {}, `Record of service: ${record.tutorName}`),
    el('p', {}, `${record.tutorKind}, ${record.schoolName ? `${record.schoolName} ` : ''}Writing Center. School year ${record.from} to ${record.through}.`),
    el('dl', { className: 'record-totals' }, totals.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)])),
    el('h3', {}, 'Shifts'),
    table('record-shifts', ['Date', 'In', 'Out', 'Hours'], record.shifts.map((s) =>
      [s.date, s.clockIn, s.clockOut, `${hours(s.minutes)}${s.closedAutomatically ? ' (closed at closing time)' : ''}`]), 'No shifts this school year.'),
    el('h3', {}, 'Training, workshops, class visits and outreach (approved)'),
    table('record-other', ['Date', 'Kind', 'What', 'Hours'], record.other.map((o) =>
      [o.date, labelOf('tutorHoursKinds', o.kind), o.description, hours(o.minutes)]), 'None this school year.'),
    el('p', { className: 'signature' }, 'Director: ______________________________    Date: ______________'));
}

export function serviceRecordsSheet(records) {
  return el('div', { className: 'service-records', id: 'service-records' }, records.map(serviceRecordSheet));
}
