// Settings → Appointments → away and closed times: a tutor away (a day, a run of days, or every
// Tuesday until the break) or the whole center closed for a period, and the list of them.

import { api } from '../api.js';
import { clearFormMessage, dateInput, el, emptyState, field, formMessage } from '../dom.js';

const WEEKDAYS = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];
const WHOLE_DAY = '';
const A_TIME = '\u2026';

export async function exceptionsForm(terms, tutors) {
  const periods = await api.bellPeriods();
  const term = el('select', { name: 'termId' }, terms.map((t) => el('option', { value: t.id, selected: t === terms[terms.length - 1] }, t.name)));
  const who = el('select', { name: 'tutorId' }, el('option', { value: '' }, 'The whole center'),
    tutors.filter((t) => t.active).map((t) => el('option', { value: t.id }, t.name)));
  const first = dateInput({ name: 'firstDay', placeholder: 'YYYY-MM-DD' });
  const last = dateInput({ name: 'lastDay', placeholder: 'YYYY-MM-DD' });
  const repeat = el('select', { name: 'weekday' }, el('option', { value: '' }, 'Every day'),
    WEEKDAYS.map((d, i) => el('option', { value: i }, `Only on ${d}`)));
  const when = el('select', { name: 'period' }, el('option', { value: WHOLE_DAY }, 'All day'),
    periods.map((p) => el('option', { value: p.name }, `${p.name} (${p.start}\u2013${p.end})`)), el('option', { value: A_TIME }, 'A time\u2026'));
  const start = el('input', { name: 'start', autocomplete: 'off', placeholder: 'HH:MM' });
  const end = el('input', { name: 'end', autocomplete: 'off', placeholder: 'HH:MM' });
  const times = el('div', { className: 'times', hidden: true }, field('Start', start), field('End', end));
  const reason = el('input', { name: 'reason', autocomplete: 'off', maxLength: 80, placeholder: 'e.g. field trip, assembly' });
  const listed = el('div', { id: 'exceptions-list' });
  const form = el('form', { className: 'fields', id: 'add-exception', noValidate: true },
    field('Term', term), field('Who', who), field('From', first), field('Until', last, 'optional: one day when empty'),
    field('Repeats', repeat), field('When', when), times, field('Reason', reason, 'optional'),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Add')));
  when.addEventListener('change', () => { times.hidden = when.value !== A_TIME; });

  async function show() {
    const exceptions = await api.availabilityExceptions(Number(term.value));
    listed.replaceChildren(exceptions.length
      ? el('ul', { className: 'plain-list' }, exceptions.map((x) => el('li', {},
        `${x.who}: ${x.days}, ${x.time}${x.reason ? ` (${x.reason})` : ''} `,
        el('button', { type: 'button', className: 'secondary small', 'aria-label': `Remove: ${x.who} ${x.days}`, onclick: () => remove(x.id) }, 'Remove'))))
      : emptyState('No one is away this term.'));
  }

  async function remove(id) {
    clearFormMessage(form);
    try {
      await api.removeAvailabilityException(id);
      await show();
    } catch (error) {
      formMessage(form, error.message);
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      const added = await api.addAvailabilityException({
        termId: Number(term.value), tutorId: who.value ? Number(who.value) : null, firstDay: first.value, lastDay: last.value,
        weekday: repeat.value === '' ? null : Number(repeat.value), period: when.value === A_TIME ? '' : when.value,
        start: when.value === A_TIME ? start.value : '', end: when.value === A_TIME ? end.value : '', reason: reason.value,
      });
      const booked = added.bookedInIt
        ? ` ${added.bookedInIt} appointment${added.bookedInIt === 1 ? ' is' : 's are'} already booked then: move or cancel them in Appointments.`
        : '';
      formMessage(form, `Added: ${added.exception.who}, ${added.exception.days}, ${added.exception.time}.${booked}`, added.bookedInIt ? 'warn' : 'ok');
      await show();
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  term.addEventListener('change', show);
  await show();
  return el('div', {}, form, listed);
}
