// A tutor logs their own service beyond shifts at the desk (training, a workshop led, a class
// visit, outreach). It counts once the director approves it in Records.

import { api } from '../../api.js';
import { el, formMessage, clearFormMessage, field } from '../../dom.js';
import { today } from '../../time.js';
import { termOptions } from '../../vocabulary.js';

/** `saved(entry)` after a save; `cancel()` puts the form away (also on Escape). */
export function tutorHoursForm(tutors, { saved, cancel }) {
  const tutor = el('select', { name: 'tutor' }, tutors.map((t) => el('option', { value: t.id }, t.name)));
  const date = el('input', { name: 'date', value: today(), inputMode: 'numeric', maxLength: 10, autocomplete: 'off' });
  const hours = el('input', { name: 'hours', inputMode: 'decimal', maxLength: 6, autocomplete: 'off' });
  const kind = el('select', { name: 'kind' }, termOptions('tutorHoursKinds', el));
  const description = el('input', { name: 'description', maxLength: 200, autocomplete: 'off' });
  const form = el('form', { className: 'fields', id: 'desk-hours-form', noValidate: true },
    field('Tutor', tutor), field('Date', date, 'YYYY-MM-DD'), field('Hours', hours, 'e.g. 1.5'), field('Kind', kind),
    field('What it was', description),
    el('div', { className: 'form-actions' },
      el('button', { type: 'submit' }, 'Save for approval'),
      el('button', { type: 'button', className: 'secondary', onclick: cancel }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      saved(await api.logTutorHours({ tutorId: Number(tutor.value), date: date.value, hours: hours.value, kind: kind.value, description: description.value }));
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { event.preventDefault(); cancel(); }
  });
  const element = el('section', { className: 'card', id: 'desk-hours' }, el('h2', {}, 'Hours beyond shifts'), form);
  return { element, focus: () => tutor.focus() };
}
