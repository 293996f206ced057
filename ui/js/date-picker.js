// A calendar for the app's date fields, beside typing YYYY-MM-DD, which still works. WebKitGTK's
// own date input offers no picker that works in this window, so the app has its own: a modal
// dialog with a month grid and the keys of the WAI-ARIA date picker dialog pattern (arrows,
// Page Up/Down, Home/End, Enter, Escape). Loaded on first use.

import { el } from './dom.js';
import { isoDate, parseIsoDate } from './time.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// Monday first, as the app's weeks start by default.
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function sameDay(a, b) {
  return a !== null && b !== null && isoDate(a) === isoDate(b);
}

function addDays(date, days) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** The same day `months` later, or the month's last day when it has no such day (31 January → 28 February). */
function addMonths(date, months) {
  const first = new Date(date.getFullYear(), date.getMonth() + months, 1);
  const last = new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate();
  return new Date(first.getFullYear(), first.getMonth(), Math.min(date.getDate(), last));
}

/** Monday = 0 … Sunday = 6. */
function weekdayIndex(date) {
  return (date.getDay() + 6) % 7;
}

function spokenDate(date) {
  return `${WEEKDAYS[weekdayIndex(date)]}, ${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

const MOVES = {
  ArrowLeft: (d) => addDays(d, -1),
  ArrowRight: (d) => addDays(d, 1),
  ArrowUp: (d) => addDays(d, -7),
  ArrowDown: (d) => addDays(d, 7),
  Home: (d) => addDays(d, -weekdayIndex(d)),
  End: (d) => addDays(d, 6 - weekdayIndex(d)),
  PageUp: (d, shift) => addMonths(d, shift ? -12 : -1),
  PageDown: (d, shift) => addMonths(d, shift ? 12 : 1),
};

/**
 * Opens the calendar for `input` (named `label` for screen readers). A chosen day is written into
 * the field as YYYY-MM-DD, as if typed; Escape leaves the field as it was. Focus returns to
 * `opener` either way.
 */
export function openDatePicker(input, label, opener) {
  const chosen = parseIsoDate(input.value);
  const today = new Date();
  let focused = chosen ?? new Date(today.getFullYear(), today.getMonth(), today.getDate());

  const heading = el('h2', { id: 'date-picker-month', 'aria-live': 'polite' });
  const body = el('tbody');
  const grid = el('table', { className: 'calendar', 'aria-labelledby': 'date-picker-month' },
    el('thead', {}, el('tr', {}, WEEKDAYS.map((day) => el('th', { scope: 'col', abbr: day }, day.slice(0, 2))))),
    body);
  const previous = el('button', { type: 'button', className: 'secondary', id: 'date-picker-previous' }, 'Previous month');
  const next = el('button', { type: 'button', className: 'secondary', id: 'date-picker-next' }, 'Next month');
  const close = el('button', { type: 'button', className: 'ghost', id: 'date-picker-close' }, 'Cancel');
  const dialog = el('dialog', { className: 'date-picker', id: 'date-picker', 'aria-label': `Choose a date: ${label}` },
    el('div', { className: 'date-picker-head' }, previous, heading, next),
    grid,
    el('p', { className: 'hint' }, 'Arrow keys move by day and week, Page Up and Page Down by month, Enter chooses.'),
    el('div', { className: 'form-actions' }, close));

  function render() {
    heading.textContent = `${MONTHS[focused.getMonth()]} ${focused.getFullYear()}`;
    const first = new Date(focused.getFullYear(), focused.getMonth(), 1);
    const days = new Date(focused.getFullYear(), focused.getMonth() + 1, 0).getDate();
    const cells = [...Array(weekdayIndex(first)).fill(null)];
    for (let day = 1; day <= days; day += 1) cells.push(new Date(first.getFullYear(), first.getMonth(), day));
    const rows = [];
    for (let start = 0; start < cells.length; start += 7) rows.push(cells.slice(start, start + 7));
    body.replaceChildren(...rows.map((week) => el('tr', {}, week.map((date) => el('td', {}, date && dayButton(date))))));
  }

  function dayButton(date) {
    const isChosen = sameDay(date, chosen);
    const button = el('button', {
      type: 'button',
      className: isChosen ? 'day chosen' : 'day',
      tabindex: sameDay(date, focused) ? '0' : '-1',
      'aria-label': isChosen ? `${spokenDate(date)}, the date in the field` : spokenDate(date),
      'aria-current': sameDay(date, today) ? 'date' : null,
      dataset: { date: isoDate(date) },
    }, String(date.getDate()));
    button.addEventListener('click', () => finish(date));
    return button;
  }

  function focusDay() {
    body.querySelector(`[data-date="${isoDate(focused)}"]`)?.focus();
  }

  function moveTo(date) {
    focused = date;
    render();
    focusDay();
  }

  function finish(date) {
    if (date) {
      input.value = isoDate(date);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }
    dialog.close();
  }

  grid.addEventListener('keydown', (event) => {
    const move = MOVES[event.key];
    if (!move || event.altKey || event.ctrlKey) return;
    event.preventDefault();
    moveTo(move(focused, event.shiftKey));
  });
  previous.addEventListener('click', () => { focused = addMonths(focused, -1); render(); });
  next.addEventListener('click', () => { focused = addMonths(focused, 1); render(); });
  close.addEventListener('click', () => finish(null));
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener.focus();
  });

  render();
  document.body.append(dialog);
  dialog.showModal();
  focusDay();
}
