// Quick-add: a writer not on file yet is added and signed in without leaving the desk.

import { api } from '../../api.js';
import { el, field, formMessage, clearFormMessage, valueOrNull, numberOrNull } from '../../dom.js';

const DIGITS = /^\d+$/;

/** Splits what was typed into a first and last name, or a student number. */
function prefill(query) {
  if (DIGITS.test(query)) return { studentNumber: query };
  const words = query.split(/\s+/);
  return { firstName: words[0] || '', lastName: words.slice(1).join(' ') };
}

export function quickAddForm(query, { signedIn, cancel }) {
  const start = prefill(query);
  const inputs = {
    firstName: el('input', { name: 'firstName', autocomplete: 'off', value: start.firstName || '' }),
    lastName: el('input', { name: 'lastName', autocomplete: 'off', value: start.lastName || '' }),
    grade: el('select', { name: 'grade' }, el('option', { value: '' }, '—'), [9, 10, 11, 12, 6, 7, 8].map((g) => el('option', { value: g }, g))),
    studentNumber: el('input', { name: 'studentNumber', autocomplete: 'off', inputMode: 'numeric', value: start.studentNumber || '' }),
  };
  const form = el('form', { id: 'quick-add', className: 'fields card panel', noValidate: true },
    el('h2', { className: 'span-all' }, 'Add a new writer'),
    field('First name', inputs.firstName),
    field('Last name', inputs.lastName),
    field('Grade', inputs.grade),
    field('Student number', inputs.studentNumber, 'optional'),
    el('div', { className: 'form-actions' },
      el('button', { type: 'submit' }, 'Add and sign in'),
      el('button', { type: 'button', className: 'secondary', onclick: cancel }, 'Cancel'),
      el('span', { className: 'hint' }, 'Enter to add · Esc to cancel')));

  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { event.preventDefault(); cancel(); }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      signedIn(await api.quickAddAndSignIn({
        firstName: inputs.firstName.value,
        lastName: inputs.lastName.value,
        grade: numberOrNull(inputs.grade),
        studentNumber: valueOrNull(inputs.studentNumber),
      }));
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  // Focus the first field still to fill in.
  const focusFirstEmpty = () => (Object.values(inputs).find((input) => !input.value) || inputs.grade).focus();
  return { element: form, focus: focusFirstEmpty };
}
