// Appointments (open to tutors, like the desk): book a writer into a period, see a day's
// appointments and move them along (cancelled, cancelled by the tutor, missed), and print the
// day list or the writers' passes. Terms and tutors' availability are set in Settings.

import { api } from '../api.js';
import { el, field, formMessage, clearFormMessage, emptyState } from '../dom.js';
import { labelOf } from '../vocabulary.js';
import { today } from '../time.js';
import { bookingForm } from './appointments/book.js';
import { passes } from './appointments/passes.js';

export async function render(container) {
  const [periods, tutors] = await Promise.all([api.bellPeriods(), api.listTutors()]);
  const day = el('input', { id: 'appointments-date', value: today(), inputMode: 'numeric', autocomplete: 'off' });
  const list = el('div', { id: 'appointments-list' });
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
    try {
      await action();
      await refresh();
    } catch (error) {
      formMessage(dayForm, error.message);
    }
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

  async function refresh() {
    const appointments = await api.appointmentsOn(day.value);
    dayTitle.textContent = `Appointments on ${day.value}`;
    list.replaceChildren(appointments.length
      ? el('table', { id: 'appointments-table' },
        el('thead', {}, el('tr', {}, ['Time', 'Period', 'Writer', 'Tutor', 'Working on', 'Status', ''].map((h) => el('th', {}, h)))),
        el('tbody', {}, appointments.map(row)))
      : emptyState(`No appointments on ${day.value}.`));
    passesHolder.replaceChildren(passes(appointments));
  }

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
    el('section', { className: 'card no-print', id: 'booking' }, el('h2', {}, 'Book an appointment'),
      bookingForm({ periods, tutors, booked: async (a) => { day.value = a.date; await refresh(); } })),
    el('section', { className: 'card day-list', id: 'appointments-card' }, dayTitle, dayForm, list),
    passesHolder);
  await refresh();
}
