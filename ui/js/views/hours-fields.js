// The fields of an hours entry (tutor, date, hours, kind, what it was), shared by the desk,
// where a tutor logs their own, and Records, where the director adds approved ones.

import { dateInput, el } from '../dom.js';
import { today } from '../time.js';
import { termOptions } from '../vocabulary.js';

/** `fields`: [label, input, hint] rows for a form; `value()`: the entry as Rust takes it. */
export function hoursFields(tutors) {
  const tutor = el('select', { name: 'tutor' }, tutors.map((t) => el('option', { value: t.id }, t.name)));
  const date = dateInput({ name: 'date', value: today(), maxLength: 10 });
  const hours = el('input', { name: 'hours', inputMode: 'decimal', maxLength: 6, autocomplete: 'off' });
  const kind = el('select', { name: 'kind' }, termOptions('tutorHoursKinds', el));
  const description = el('input', { name: 'description', maxLength: 200, autocomplete: 'off' });
  return {
    fields: [['Tutor', tutor], ['Date', date, 'YYYY-MM-DD'], ['Hours', hours, 'e.g. 1.5'], ['Kind', kind], ['What it was', description]],
    tutor,
    date,
    value: () => ({ tutorId: Number(tutor.value), date: date.value, hours: hours.value, kind: kind.value, description: description.value }),
  };
}
