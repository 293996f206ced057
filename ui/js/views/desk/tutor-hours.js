// A tutor logs their own service beyond shifts at the desk (training, a workshop led, a class
// visit, outreach). It counts once the director approves it in Records.

import { api } from '../../api.js';
import { el, formMessage, clearFormMessage, field } from '../../dom.js';
import { hoursFields } from '../hours-fields.js';

/** `saved(entry)` after a save; `cancel()` puts the form away (also on Escape). */
export function tutorHoursForm(tutors, { saved, cancel }) {
  const entry = hoursFields(tutors);
  const form = el('form', { className: 'fields', id: 'desk-hours-form', noValidate: true },
    entry.fields.map(([label, input, hint]) => field(label, input, hint)),
    el('div', { className: 'form-actions' },
      el('button', { type: 'submit' }, 'Save for approval'),
      el('button', { type: 'button', className: 'secondary', onclick: cancel }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      saved(await api.logTutorHours(entry.value()));
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { event.preventDefault(); cancel(); }
  });
  const element = el('section', { className: 'card', id: 'desk-hours' }, el('h2', {}, 'Hours beyond shifts'), form);
  return { element, focus: () => entry.tutor.focus() };
}
