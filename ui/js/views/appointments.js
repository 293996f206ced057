// Appointments (open to tutors, like the desk): book a writer by the form or the week grid, see
// a day's appointments and its waitlist, move appointments along (cancelled, cancelled by the
// tutor, missed) and offer a freed time to the writers waiting for it, and print the day list
// or the writers' passes. Terms and tutors' availability are set in Settings.

import { api } from '../api.js';
import { clearFormMessage, dateInput, el, emptyState, field, formMessage } from '../dom.js';
import { labelOf } from '../vocabulary.js';
import { today } from '../time.js';
import { bookingForm } from './appointments/book.js';
import { passes } from './appointments/passes.js';
import { weekGrid } from './appointments/week-grid.js';

export async function render(container) {
  const [periods, tutors] = await Promise.all([api.bellPeriods(), api.listTutors()]);
  const day = dateInput({ id: 'appointments-date', value: today() });
  const list = el('div', { id: 'appointments-list' });
  const waiting = el('div', { id: 'waitlist', className: 'no-print' });
  const offer = el('div', { id: 'freed-offer', className: 'no-print', role: 'status' });
  const dayTitle = el('h2', { id: 'appointments-day-title' });
  const passesHolder = el('div', { className: 'passes-holder' });
  const dayForm = el('form', { className: 'fields', id: 'appointments-day', noValidate: true },
    field('Day', day, 'YYYY-MM-DD'),
    el('div', { className: 'form-actions' },
      el('button', { type: 'submit' }, 'Show'),
      el('button', { type: 'button', className: 'secondary', id: 'print-day', onclick: () => print('day') }, 'Print the day list'),
      el('button', { type: 'button', className: 'secondary', id: 'print-passes', onclick: () => print('passes') }, 'Print passes')));

  function print(what) {
    document.body.dataset.printing = what;
    window.print();
    delete document.body.dataset.printing;
  }

  async function act(action) {
    clearFormMessage(dayForm);
    offer.replaceChildren();
    try {
      const result = await action();
      await refresh();
      if (result?.waiting?.length) showOffer(result);
    } catch (error) {
      formMessage(dayForm, error.message);
    }
  }

  /** The writers waiting that day whom a cancelled or missed appointment's time suits. */
  function showOffer({ appointment: freed, waiting: writers }) {
    const rebook = (w) => act(async () => {
      await api.bookAppointment({
        studentId: w.studentId, tutorId: freed.tutorId, date: freed.date,
        period: freed.period, start: freed.start, end: freed.end,
      });
    });
    offer.replaceChildren(el('div', { className: 'card freed' },
      el('h3', {}, `${freed.tutorName ?? 'A tutor'} is free ${freed.date} ${freed.start}\u2013${freed.end}`),
      el('ul', { className: 'queue' }, writers.map((w) => el('li', { className: 'queue-row' },
        el('div', { className: 'queue-main' }, el('strong', {}, w.studentName),
          el('span', { className: 'hint' }, w.tutorName ? `waiting for ${w.tutorName}` : 'any tutor'),
          w.note ? el('span', { className: 'working-on' }, w.note) : null),
        el('button', { type: 'button', className: 'book-waiting', onclick: () => rebook(w) }, `Book ${w.studentName}`))))));
    offer.querySelector('button')?.focus();
  }

  function row(a) {
    const active = ['scheduled', 'checked_in'].includes(a.status);
    const button = (text, className, onclick) => el('button', { type: 'button', className: `secondary small ${className}`, onclick, 'aria-label': `${text}: ${a.studentName} ${a.start}` }, text);
    return el('tr', { dataset: { appointmentId: a.id } },
      el('td', {}, `${a.start}\u2013${a.end}`), el('td', {}, a.period || '\u2014'), el('td', {}, a.studentName),
      el('td', {}, a.tutorName ?? 'Any tutor'), el('td', {}, a.workingOn || a.assignmentType || ''),
      el('td', {}, labelOf('appointmentStatuses', a.status), a.limitOverridden ? el('span', { className: 'badge warn' }, ' over the weekly limit') : null),
      el('td', { className: 'no-print' }, active ? el('div', { className: 'row-actions' },
        button('Cancel', 'cancel', () => act(() => api.cancelAppointment(a.id, false))),
        button('Tutor cancelled', 'tutor-cancel', () => act(() => api.cancelAppointment(a.id, true))),
        a.status === 'scheduled' ? button('Missed', 'missed', () => act(() => api.markAppointmentMissed(a.id))) : null) : null));
  }

  function waitingRow(w) {
    return el('li', { className: 'queue-row' },
      el('div', { className: 'queue-main' }, el('strong', {}, w.studentName),
        el('span', { className: 'hint' }, w.tutorName ? `for ${w.tutorName}` : 'any tutor'),
        w.note ? el('span', { className: 'working-on' }, w.note) : null),
      el('button', { type: 'button', className: 'secondary small', 'aria-label': `Take ${w.studentName} off the waitlist`, onclick: () => act(() => api.withdrawFromWaitlist(w.id)) }, 'Withdraw'));
  }

  async function refresh() {
    const [appointments, waitlist] = await Promise.all([api.appointmentsOn(day.value), api.waitlistOn(day.value)]);
    dayTitle.textContent = `Appointments on ${day.value}`;
    list.replaceChildren(appointments.length
      ? el('table', { id: 'appointments-table' },
        el('thead', {}, el('tr', {}, ['Time', 'Period', 'Writer', 'Tutor', 'Working on', 'Status', ''].map((h) => el('th', {}, h)))),
        el('tbody', {}, appointments.map(row)))
      : emptyState(`No appointments on ${day.value}.`));
    waiting.replaceChildren(...(waitlist.length
      ? [el('h3', {}, `Waiting for a time (${waitlist.length})`), el('ul', { className: 'queue', id: 'waitlist-day' }, waitlist.map(waitingRow))]
      : []));
    passesHolder.replaceChildren(passes(appointments));
    await week.show(day.value);
  }

  // After booking from the grid, the focus goes back to the grid for the next writer.
  let pickedInGrid = false;
  const week = weekGrid({ pick: (date, slot) => { pickedInGrid = true; booking.bookInto(date, slot); } });
  const booking = bookingForm({
    periods,
    tutors,
    booked: async (a) => {
      day.value = a.date;
      await refresh();
      if (pickedInGrid) week.focus();
      pickedInGrid = false;
    },
    waited: async (w) => { day.value = w.date; await refresh(); },
    chosen: () => week.focus(),
  });

  dayForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(dayForm);
    try {
      await refresh();
    } catch (error) {
      formMessage(dayForm, error.message);
    }
  });
  container.append(
    el('h1', {}, 'Appointments'),
    el('section', { className: 'card no-print', id: 'booking' }, el('h2', {}, 'Book an appointment'), booking.form),
    week.element,
    el('section', { className: 'card day-list', id: 'appointments-card' }, dayTitle, dayForm, offer, list, waiting),
    passesHolder);
  await refresh();
}
