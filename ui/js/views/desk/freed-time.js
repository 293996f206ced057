// After the desk marks an appointment missed: the writers on today's waitlist whom the freed
// time suits, each one button from being signed in.

import { el } from '../../dom.js';

/** `signIn(entry)` signs a waiting writer in; `close()` puts the panel away. */
export function freedTime({ appointment, waiting }, { signIn, close }) {
  const element = el('section', { className: 'card', id: 'freed-time', 'aria-labelledby': 'freed-title' },
    el('h2', { id: 'freed-title' }, `${appointment.tutorName ?? 'A tutor'} is free ${appointment.start}\u2013${appointment.end}`),
    el('p', { className: 'hint' }, 'Waiting for a time today:'),
    el('ul', { className: 'queue', id: 'freed-waiting' }, waiting.map((w) => el('li', { className: 'queue-row' },
      el('div', { className: 'queue-main' },
        el('strong', { className: 'queue-name' }, w.studentName),
        el('span', { className: 'hint' }, w.tutorName ? `waiting for ${w.tutorName}` : 'any tutor'),
        w.note ? el('span', { className: 'working-on' }, w.note) : null),
      el('div', { className: 'queue-actions' },
        el('button', { type: 'button', className: 'sign-in-waiting', onclick: () => signIn(w) }, `Sign in ${w.studentName}`))))),
    el('div', { className: 'form-actions' }, el('button', { type: 'button', className: 'secondary', onclick: close }, 'Close')));
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { event.preventDefault(); close(); }
  });
  return { element, focus: () => element.querySelector('button').focus() };
}
