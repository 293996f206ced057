// The director lock screen: set a PIN or passphrase on first use, then unlock with it.
// The Rust side enforces the lock; this screen only asks for the PIN.
//
// The screen is built once (per kind: first use or unlock) and re-attached each time it is shown:
// WebKitGTK keeps ~14 KB for every focused password field that is removed from the page, and
// the desk shows this screen many times a day (docs/BENCHMARKS.md).

import { api } from '../api.js';
import { el, field, formMessage, clearFormMessage } from '../dom.js';

let screen = null;
let onUnlocked = null;

export function renderLock(container, status, { unlocked }) {
  const firstUse = !status.pinSet;
  if (screen?.firstUse !== firstUse) screen = buildScreen(firstUse);
  onUnlocked = unlocked;
  screen.pin.value = '';
  screen.confirm.value = '';
  clearFormMessage(screen.form);
  container.append(screen.card);
  screen.pin.focus();
}

function buildScreen(firstUse) {
  const pin = el('input', { id: 'director-pin', type: 'password', autocomplete: 'off', maxLength: 128 });
  const confirm = el('input', { id: 'director-pin-confirm', type: 'password', autocomplete: 'off', maxLength: 128 });
  const form = el('form', { className: 'fields lock-form', id: 'unlock-form', noValidate: true },
    field(firstUse ? 'New director PIN or passphrase' : 'Director PIN or passphrase', pin, firstUse ? 'at least 4 characters' : null),
    firstUse ? field('Type it again', confirm) : null,
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, firstUse ? 'Set PIN and open' : 'Unlock')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      let unlocked = { failedTries: 0 };
      if (firstUse) {
        if (pin.value !== confirm.value) throw new Error('The two entries differ. Type the same PIN twice.');
        await api.setDirectorPin(pin.value);
      } else {
        unlocked = await api.unlockDirector(pin.value);
      }
      pin.value = '';
      confirm.value = '';
      onUnlocked(unlocked);
    } catch (error) {
      pin.value = '';
      confirm.value = '';
      formMessage(form, error.message);
      pin.focus();
    }
  });

  const card = el('section', { className: 'card lock-card', id: 'director-lock' },
    el('h1', {}, firstUse ? 'Set up the director area' : 'Director area locked'),
    el('p', { className: 'lede' }, firstUse
      ? 'Statistics, records, partners, reports and settings are for the director. Choose a PIN or passphrase that student tutors do not know.'
      : 'Statistics, records and reports hold information about students. Enter the director PIN to continue.'),
    form);
  return { firstUse, card, pin, confirm, form };
}
