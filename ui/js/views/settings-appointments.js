// Settings → Appointments: the terms appointments are booked in (open weekdays, closed days, an
// A/B rotation), when each tutor takes appointments and when they are away, and the booking
// rules. Weekly times are typed as lines and read by the Rust side.

import { api } from '../api.js';
import { clearFormMessage, dateInput, el, field, formMessage, simpleForm } from '../dom.js';
import { exceptionsForm } from './settings-exceptions.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export async function appointmentsCard() {
  const card = el('section', { className: 'card', id: 'appointments-settings' });
  async function show() {
    const [terms, tutors, rules] = await Promise.all([api.listTerms(), api.listTutors(), api.appointmentRules()]);
    card.replaceChildren(el('h2', {}, 'Appointments'),
      el('p', { className: 'hint', id: 'terms-list' }, terms.length
        ? terms.map((t) => `${t.name}: ${t.firstDay} to ${t.lastDay}${t.dayTypes.length ? ` (${t.dayTypes.join('/')} days)` : ''}`).join(' \u00b7 ')
        : 'No term yet: add one to book appointments.'),
      el('h3', {}, 'Terms'), addTerm(terms, show),
      ...(terms.length
        ? [el('h3', {}, 'Closed days'), closedDay(terms), el('h3', {}, 'Tutors\u2019 weekly times'), availability(terms, tutors),
          el('h3', {}, 'Away and closed times'), await exceptionsForm(terms, tutors)]
        : []),
      el('h3', {}, 'Booking rules'), rulesForm(rules));
  }
  await show();
  return card;
}

function addTerm(terms, refresh) {
  const days = WEEKDAYS.map((d, i) => el('input', { type: 'checkbox', name: `weekday-${i}`, checked: i < 5 }));
  const name = el('input', { name: 'name', autocomplete: 'off', maxLength: 60 });
  const first = dateInput({ name: 'firstDay', placeholder: 'YYYY-MM-DD' });
  const last = dateInput({ name: 'lastDay', placeholder: 'YYYY-MM-DD' });
  const cycle = el('input', { name: 'dayCycle', autocomplete: 'off', maxLength: 80, placeholder: 'e.g. A, B' });
  const copy = el('select', { name: 'copyFrom' }, el('option', { value: '' }, 'Start empty'),
    terms.map((t) => el('option', { value: t.id }, `Copy from ${t.name}`)));
  const form = el('form', { className: 'fields', id: 'add-term', noValidate: true },
    field('Term name', name), field('First day', first), field('Last day', last),
    field('Day rotation', cycle, 'optional: the day types in turn, e.g. A, B'), field('Tutors\u2019 times', copy),
    el('fieldset', { className: 'weekdays' }, el('legend', {}, 'Open on'), days.map((box, i) => el('label', { className: 'check' }, box, WEEKDAYS[i]))),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Add term')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      await api.addTerm({
        name: name.value, firstDay: first.value, lastDay: last.value, dayCycle: cycle.value,
        openWeekdays: days.flatMap((box, i) => (box.checked ? [i] : [])),
        copyAvailabilityFrom: copy.value ? Number(copy.value) : null,
      });
      await refresh();
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  return form;
}

function closedDay(terms) {
  const term = el('select', { name: 'termId' }, terms.map((t) => el('option', { value: t.id }, t.name)));
  const date = dateInput({ name: 'date', placeholder: 'YYYY-MM-DD' });
  const reason = el('input', { name: 'reason', autocomplete: 'off', maxLength: 80, placeholder: 'e.g. testing day' });
  let closedOn = '';
  const form = simpleForm('close-day', [['Term', term], ['Closed on', date], ['Reason', reason, 'optional']], 'Close that day',
    () => { closedOn = date.value; return api.closeTermDay(Number(term.value), date.value, reason.value); },
    () => { formMessage(form, `The center is closed on ${closedOn}: no appointments can be booked that day.`, 'ok'); });
  return form;
}

function availability(terms, tutors) {
  const term = el('select', { name: 'termId' }, terms.map((t) => el('option', { value: t.id, selected: t === terms[terms.length - 1] }, t.name)));
  const tutor = el('select', { name: 'tutorId' }, tutors.filter((t) => t.active).map((t) => el('option', { value: t.id }, t.name)));
  const times = el('textarea', { name: 'times', rows: 4, placeholder: 'Mon 11:45-12:40\nTue Lunch\nA 08:00-10:00' });
  const form = el('form', { className: 'fields', id: 'tutor-availability', noValidate: true },
    field('Term', term), field('Tutor', tutor),
    field('Takes appointments', times, 'one a line: a weekday or day type, then a time or a period; none: walk-ins only'),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Save times')));
  const load = async () => {
    if (tutor.value) times.value = await api.tutorAvailability(Number(term.value), Number(tutor.value));
  };
  term.addEventListener('change', load);
  tutor.addEventListener('change', load);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      times.value = await api.setTutorAvailability(Number(term.value), Number(tutor.value), times.value);
      formMessage(form, `Saved ${tutor.selectedOptions[0].textContent}'s times.`, 'ok');
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  load();
  return form;
}

function rulesForm(rules) {
  const number = (name, value, min, max) => el('input', { name, type: 'number', min, max, value, inputMode: 'numeric' });
  const inputs = {
    perWeek: number('perWeek', rules.perWeek, 0, 20),
    minutesPerWeek: number('minutesPerWeek', rules.minutesPerWeek, 0, 1200),
    lateCancelHours: number('lateCancelHours', rules.lateCancelHours, 0, 72),
    graceMinutes: number('graceMinutes', rules.graceMinutes, 1, 60),
    noShowLimit: number('noShowLimit', rules.noShowLimit, 0, 20),
    slotMinutes: number('slotMinutes', rules.slotMinutes, 0, 120),
  };
  const form = el('form', { className: 'fields', id: 'appointment-rules', noValidate: true },
    field('Appointments per writer per week', inputs.perWeek, '0 for no limit'),
    field('Minutes per writer per week', inputs.minutesPerWeek, '0 for no limit'),
    field('Late if cancelled within (hours)', inputs.lateCancelHours),
    field('Missed after (minutes past the start)', inputs.graceMinutes),
    field('No-shows before bookings need the director', inputs.noShowLimit, 'in a term; 0 for never'),
    field('Week grid slots (minutes)', inputs.slotMinutes, '0: the bell schedule\u2019s periods'),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Save rules')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      await api.setAppointmentRules(Object.fromEntries(Object.entries(inputs).map(([key, input]) => [key, Number(input.value)])));
      formMessage(form, 'Appointment rules saved.', 'ok');
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  return form;
}
