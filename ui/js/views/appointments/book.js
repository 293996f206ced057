// Booking an appointment: a writer found by name or number, a tutor (or any tutor), a day and a
// period of the bell schedule (or a time), typed here or picked in the week grid. The Rust side
// checks every rule; its refusal is shown as it comes, and nothing is booked. A writer with no
// free time can wait for a day instead.

import { api } from '../../api.js';
import { clearFormMessage, dateInput, el, field, formMessage } from '../../dom.js';
import { vocabulary } from '../../vocabulary.js';
import { today } from '../../time.js';

const A_TIME = '';

/**
 * `booked(appointment)` runs after a booking, `waited(entry)` after joining a waitlist, and
 * `chosen()` when Enter picks the writer (the week grid takes the focus).
 */
export function bookingForm({ periods, tutors, booked, waited, chosen }) {
  const writer = el('input', { id: 'appointment-writer', type: 'search', autocomplete: 'off', placeholder: 'name or student number' });
  const choice = el('select', { id: 'appointment-writer-choice', name: 'studentId', 'aria-label': 'Writer' }, el('option', { value: '' }, 'Type a name first'));
  const tutor = el('select', { name: 'tutorId' }, el('option', { value: '' }, 'Any tutor'),
    tutors.filter((t) => t.active).map((t) => el('option', { value: t.id }, t.name)));
  const date = dateInput({ name: 'date', value: today() });
  const period = el('select', { name: 'period' },
    periods.map((p) => el('option', { value: p.name }, `${p.name} (${p.start}\u2013${p.end})`)),
    el('option', { value: A_TIME }, 'A time\u2026'));
  const start = el('input', { name: 'start', inputMode: 'numeric', autocomplete: 'off', placeholder: 'HH:MM' });
  const end = el('input', { name: 'end', inputMode: 'numeric', autocomplete: 'off', placeholder: 'HH:MM' });
  const times = el('div', { className: 'times', hidden: true }, field('Start', start), field('End', end));
  const assignment = el('select', { name: 'assignmentType' }, el('option', { value: '' }, '\u2014'),
    vocabulary().assignmentTypes.map((a) => el('option', { value: a }, a)));
  const course = el('input', { name: 'course', autocomplete: 'off', maxLength: 80 });
  const teacher = el('input', { name: 'teacherName', autocomplete: 'off', maxLength: 80 });
  const workingOn = el('input', { name: 'workingOn', autocomplete: 'off', maxLength: 300 });
  const form = el('form', { className: 'fields', id: 'book-appointment', noValidate: true },
    field('Find the writer', writer), field('Writer', choice), field('Tutor', tutor),
    field('Date', date, 'YYYY-MM-DD'), field('Period', period), times,
    field('Assignment type', assignment), field('Course', course, 'optional'), field('Teacher', teacher, 'optional'),
    field('What they want to work on', workingOn, 'optional'),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit', id: 'book-appointment-button' }, 'Book'),
      el('button', { type: 'button', className: 'secondary', id: 'wait-for-day', onclick: () => wait() }, 'Wait for this day')));

  function writerId() {
    if (!choice.value) throw new Error('Find the writer first: type a name or a student number.');
    return Number(choice.value);
  }

  function forgetWriter() {
    writer.value = '';
    choice.replaceChildren(el('option', { value: '' }, 'Type a name first'));
  }

  async function wait() {
    clearFormMessage(form);
    try {
      const entry = await api.addToWaitlist({
        studentId: writerId(), date: date.value, tutorId: tutor.value ? Number(tutor.value) : null, note: workingOn.value,
      });
      formMessage(form, `${entry.studentName} is waiting for ${entry.date}${entry.tutorName ? ` with ${entry.tutorName}` : ''}.`, 'ok').id = 'waiting-added';
      forgetWriter();
      await waited(entry);
    } catch (error) {
      formMessage(form, error.message);
    }
  }

  writer.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (choice.value) chosen();
  });

  let latest = 0;
  writer.addEventListener('input', async () => {
    const asked = ++latest;
    const query = writer.value.trim();
    const found = query ? await api.searchWriters(query) : [];
    if (asked !== latest) return; // a newer search is on its way
    choice.replaceChildren(...(found.length
      ? found.map((w) => el('option', { value: w.id }, `${w.lastName}, ${w.preferredName || w.firstName}${w.grade ? ` \u00b7 grade ${w.grade}` : ''}`))
      : [el('option', { value: '' }, query ? 'No writer matches' : 'Type a name first')]));
  });
  period.addEventListener('change', () => { times.hidden = period.value !== A_TIME; });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      const appointment = await api.bookAppointment({
        studentId: writerId(), tutorId: tutor.value ? Number(tutor.value) : null, date: date.value,
        period: period.value, start: start.value, end: end.value, course: course.value, teacherName: teacher.value,
        assignmentType: assignment.value, workingOn: workingOn.value,
      });
      formMessage(form, `Booked: ${appointment.studentName}, ${appointment.date} ${appointment.start}\u2013${appointment.end} with ${appointment.tutorName ?? 'any tutor'}.`, 'ok').id = 'booked';
      forgetWriter();
      await booked(appointment);
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  /** Books the chosen writer into a slot of the week grid, with the tutor and details above. */
  function bookInto(day, slot) {
    date.value = day;
    period.value = slot.period || A_TIME;
    times.hidden = Boolean(slot.period);
    if (!slot.period) [start.value, end.value] = [slot.start, slot.end];
    form.requestSubmit();
  }

  return { form, bookInto };
}
