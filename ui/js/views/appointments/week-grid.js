// The week grid: days across, the bell schedule's periods (or time slots) down. Each cell shows
// who is booked and how many tutors are still free. One cell is in the tab order at a time; the
// arrow keys move between cells and Enter books the writer chosen in the booking form there.

import { api } from '../../api.js';
import { el, emptyState } from '../../dom.js';

const WEEKDAY = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' });

function dayHeading(day) {
  const weekday = WEEKDAY.format(new Date(`${day.date}T00:00:00Z`));
  return `${weekday} ${day.date.slice(5)}${day.dayType ? ` (${day.dayType})` : ''}`;
}

function slotLabel(slot) {
  return slot.period ? `${slot.period} ${slot.start}\u2013${slot.end}` : `${slot.start}\u2013${slot.end}`;
}

function freeText(cell) {
  if (cell.openings > 0) return `${cell.openings} free`;
  return cell.freeTutors.length || cell.bookings.length ? 'full' : 'no tutor';
}

function cellText(cell) {
  if (cell.closed) return [el('span', { className: 'cell-closed' }, cell.closed)];
  const booked = cell.bookings.map((a) => el('span', { className: `cell-booking status-${a.status}` },
    `${a.studentName} \u00b7 ${a.tutorName ?? 'any tutor'}`));
  return [...booked, el('span', { className: cell.openings > 0 ? 'cell-free' : 'cell-full' }, freeText(cell))];
}

/** The cell's description (its title): who is booked, and the free tutors by name. */
function cellDescription(cell) {
  if (cell.closed) return cell.closed;
  const booked = cell.bookings.map((a) => `${a.studentName} with ${a.tutorName ?? 'any tutor'}`);
  const free = cell.openings > 0 ? `${freeText(cell)}: ${cell.freeTutors.map((t) => t.name).join(', ')}` : freeText(cell);
  return [...booked, free].join('; ');
}

/** `pick(date, slot)` books the chosen writer into a slot. */
export function weekGrid({ pick }) {
  let monday = null;
  let focused = { row: 0, column: 0 };
  const title = el('h2', { id: 'week-title' }, 'Week');
  const holder = el('div', { className: 'week-grid-holder' });
  const shift = (days) => {
    const date = new Date(`${monday}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    show(date.toISOString().slice(0, 10));
  };
  const nav = el('div', { className: 'form-actions no-print' },
    el('button', { type: 'button', className: 'secondary', id: 'week-previous', onclick: () => shift(-7) }, '\u2190 Previous week'),
    el('button', { type: 'button', className: 'secondary', id: 'week-next', onclick: () => shift(7) }, 'Next week \u2192'));
  const element = el('section', { className: 'card no-print', id: 'week-card' }, title,
    el('p', { className: 'hint' }, 'Choose the writer in the form above, then a cell: arrow keys move, Enter books.'), nav, holder);

  function cellButton(grid, d, s) {
    const day = grid.days[d];
    const slot = grid.slots[s];
    const cell = day.cells[s];
    const bookable = cell && !cell.closed && cell.openings > 0;
    const description = cellDescription(cell);
    // The name is the cell's day and time (unseen) and its visible text; the title adds the
    // free tutors' names as its description.
    const button = el('button', {
      type: 'button', className: `week-cell${bookable ? ' bookable' : ''}`, tabIndex: -1, title: description,
      dataset: { date: day.date, slot: s, row: s, column: d },
    }, el('span', { className: 'visually-hidden' }, `${dayHeading(day)}, ${slotLabel(slot)}: `), ...cellText(cell));
    button.addEventListener('click', () => { focusCell(s, d); pick(day.date, slot); });
    return button;
  }

  const cellAt = (row, column) => holder.querySelector(`.week-cell[data-row="${row}"][data-column="${column}"]`);

  function focusCell(row, column) {
    const target = cellAt(row, column);
    if (!target) return;
    holder.querySelectorAll('.week-cell[tabindex="0"]').forEach((c) => { c.tabIndex = -1; });
    target.tabIndex = 0;
    target.focus();
    focused = { row, column };
  }

  holder.addEventListener('keydown', (event) => {
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[event.key];
    if (!move || !event.target.classList.contains('week-cell')) return;
    event.preventDefault();
    let [row, column] = [Number(event.target.dataset.row), Number(event.target.dataset.column)];
    // A closed day has no cells: the arrow goes on to the next open one.
    for (let step = 0; step < 7; step += 1) {
      [row, column] = [row + move[0], column + move[1]];
      if (cellAt(row, column)) { focusCell(row, column); return; }
    }
  });

  async function show(date) {
    const grid = await api.appointmentWeek(date);
    monday = grid.monday;
    title.textContent = `Week of ${grid.monday}`;
    const open = grid.days.filter((d) => !d.closed);
    if (!grid.days.length || !grid.slots.length) {
      holder.replaceChildren(emptyState('No term covers this week: set one up in Settings \u2192 Appointments.'));
      return;
    }
    holder.replaceChildren(el('table', { className: 'week-grid', id: 'week-grid' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Period'), grid.days.map((d) => el('th', { scope: 'col' }, dayHeading(d))))),
      el('tbody', {}, grid.slots.map((slot, s) => el('tr', {},
        el('th', { scope: 'row' }, slotLabel(slot)),
        grid.days.map((day, d) => el('td', { className: day.closed ? 'day-closed' : '' },
          day.closed ? (s === 0 ? el('span', { className: 'cell-closed' }, day.closed) : null) : cellButton(grid, d, s))))))));
    if (!open.length) return;
    const column = grid.days.indexOf(open[0]);
    const first = cellAt(Math.min(focused.row, grid.slots.length - 1), focused.column)
      ?? holder.querySelector(`.week-cell[data-column="${column}"]`);
    if (first) first.tabIndex = 0;
  }

  return { element, show, focus: () => holder.querySelector('.week-cell[tabindex="0"]')?.focus() };
}
