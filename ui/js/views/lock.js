// The director lock screen: set a PIN or passphrase on first use, then unlock with it.
// The Rust side enforces the lock; this screen only asks for the PIN.

import { api } from '../api.js';
import { el, field, formMessage, clearFormMessage } from '../dom.js';

export function renderLock(container, status, { unlocked }) {
  const pin = el('input', { id: 'director-pin', type: 'password', autocomplete: 'off', maxLength: 128 });
  const confirm = el('input', { id: 'director-pin-confirm', type: 'password', autocomplete: 'off', maxLength: 128 });
  const firstUse = !status.pinSet;
  const form = el('form', { className: 'fields lock-form', id: 'unlock-form', noValidate: true },
    field(firstUse ? 'New director PIN or passphrase' : 'Director PIN or passphrase', pin, firstUse ? 'at least 4 characters' : null),
    firstUse ? field('Type it again', confirm) : null,
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, firstUse ? 'Set PIN and open' : 'Unlock')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      if (firstUse) {
        if (pin.value !== confirm.value) throw new Error('The two entries differ. Type the same PIN twice.');
        await api.setDirectorPin(pin.value);
      } else {
        await api.unlockDirector(pin.value);
      }
      unlocked();
    } catch (error) {
      pin.value = '';
      confirm.value = '';
      formMessage(form, error.message);
      pin.focus();
    }
  });

  container.append(
    el('section', { className: 'card lock-card', id: 'director-lock' },
      el('h1', {}, firstUse ? 'Set up the director area' : 'Director area locked'),
      el('p', { className: 'lede' }, firstUse
        ? 'Statistics, records, partners, reports and settings are for the director. Choose a PIN or passphrase that student tutors do not know.'
        : 'Statistics, records and reports hold information about students. Enter the director PIN to continue.'),
      form));
  pin.focus();
}
