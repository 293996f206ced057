// Statistics → appointments by week: booked against walk-ins, no-shows, late cancellations and
// how much of the tutors' offered time was booked. A table, like the trend's.

import { el, emptyState } from '../dom.js';

const percent = (rate) => (rate === null ? '\u2014' : `${Math.round(rate * 1000) / 10}%`);

const MEASURES = [
  ['Booked', (w) => String(w.booked)],
  ['Sessions booked', (w) => String(w.sessionsFromAppointments)],
  ['Walk-ins', (w) => String(w.walkInSessions)],
  ['No-shows', (w) => String(w.missed)],
  ['No-show rate', (w) => percent(w.noShowRate)],
  ['Late cancels', (w) => String(w.cancelledLate)],
  ['Cancels', (w) => String(w.cancelled)],
  ['Offered (min)', (w) => String(w.offeredMinutes)],
  ['Fill rate', (w) => percent(w.fillRate)],
];

export function appointmentsCard(weeks) {
  const any = weeks.some((w) => w.booked || w.offeredMinutes || w.cancelled || w.cancelledLate);
  const table = el('table', { className: 'numbers trend-table', id: 'appointment-stats-table' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Week of'), weeks.map((w) => el('th', { className: 'num' }, w.weekStart.slice(5))))),
    el('tbody', {}, MEASURES.map(([label, value]) => el('tr', {}, el('th', {}, label), weeks.map((w) => el('td', { className: 'num' }, value(w)))))));
  // Focusable, so a keyboard can scroll it when the window is narrow or zoomed.
  const scroller = el('div', { className: 'table-scroll', tabIndex: 0, role: 'region', 'aria-label': 'Appointments by week' }, table);
  // The latest weeks matter most: a narrow window starts scrolled to them.
  requestAnimationFrame(() => { scroller.scrollLeft = scroller.scrollWidth; });
  return el('section', { className: 'card', id: 'appointment-stats' },
    el('h2', {}, 'Appointments and walk-ins, last 12 weeks'),
    any
      ? [el('p', { className: 'hint' }, 'Sessions booked: logged sessions that came from an appointment. Fill rate: the share of the tutors\u2019 offered time that was booked.'), scroller]
      : emptyState('No appointments in these weeks. Terms and tutors\u2019 times are set in Settings \u2192 Appointments.'));
}
