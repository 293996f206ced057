// The director lock screen: set a PIN or passphrase on first use (then see the recovery code
// once), unlock with it, or reset a forgotten one with the recovery code. The Rust side enforces
// the lock and the PIN rules; this screen only asks.
//
// The screen is built once (per kind: first use or unlock) and re-attached each time it is shown:
// WebKitGTK keeps ~14 KB for every focused password field that is removed from the page, and
// the desk shows this screen many times a day (docs/BENCHMARKS.md).

import { api } from '../api.js';
import { el, field, formMessage, clearFormMessage } from '../dom.js';
import { showRecoveryCode } from './recovery-code.js';

let screen = null;
let onUnlocked = null;

let shownIn = null;

export function renderLock(container, status, { unlocked }) {
  const firstUse = !status.pinSet;
  if (screen?.firstUse !== firstUse) screen = buildScreen(firstUse);
  onUnlocked = unlocked;
  shownIn = container;
  screen.pin.value = '';
  screen.confirm.value = '';
  screen.showReset(false);
  clearFormMessage(screen.form);
  container.append(screen.card);
  screen.pin.focus();
}

const PIN_RULE = 'at least 6 digits, or a passphrase of 10 or more characters';

function buildScreen(firstUse) {
  const forgot = firstUse ? null : el('button', { type: 'button', className: 'secondary', id: 'forgot-pin' }, 'Forgot the PIN?');
  const pin = el('input', { id: 'director-pin', type: 'password', autocomplete: 'off', maxLength: 128 });
  const confirm = el('input', { id: 'director-pin-confirm', type: 'password', autocomplete: 'off', maxLength: 128 });
  const form = el('form', { className: 'fields lock-form', id: 'unlock-form', noValidate: true },
    field(firstUse ? 'New director PIN or passphrase' : 'Director PIN or passphrase', pin, firstUse ? PIN_RULE : null),
    firstUse ? field('Type it again', confirm) : null,
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, firstUse ? 'Set PIN and open' : 'Unlock'), forgot));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      if (firstUse) {
        if (pin.value !== confirm.value) throw new Error('The two entries differ. Type the same PIN twice.');
        const { recoveryCode } = await api.setDirectorPin(pin.value);
        pin.value = '';
        confirm.value = '';
        showRecoveryCode(shownIn, recoveryCode, () => onUnlocked({ failedTries: 0 }));
        return;
      }
      const unlocked = await api.unlockDirector(pin.value);
      pin.value = '';
      onUnlocked(unlocked);
    } catch (error) {
      pin.value = '';
      confirm.value = '';
      formMessage(form, error.message);
      pin.focus();
    }
  });

  const reset = firstUse ? null : resetForm();
  forgot?.addEventListener('click', () => { reset.form.hidden = false; reset.code.focus(); });
  const card = el('section', { className: 'card lock-card', id: 'director-lock' },
    el('h1', {}, firstUse ? 'Set up the director area' : 'Director area locked'),
    el('p', { className: 'lede' }, firstUse
      ? 'Statistics, records, partners, reports and settings are for the director. Choose a PIN or passphrase that student tutors do not know.'
      : 'Statistics, records and reports hold information about students. Enter the director PIN to continue.'),
    form, reset?.form);
  const showReset = (shown) => { if (reset) { reset.form.hidden = !shown; reset.clear(); } };
  return { firstUse, card, pin, confirm, form, showReset };
}

/** A forgotten PIN: the recovery code and a new PIN, typed twice. */
function resetForm() {
  const code = el('input', { id: 'recovery-code-input', autocomplete: 'off', spellcheck: false });
  const pin = el('input', { id: 'reset-pin', type: 'password', autocomplete: 'off', maxLength: 128 });
  const confirm = el('input', { id: 'reset-pin-confirm', type: 'password', autocomplete: 'off', maxLength: 128 });
  const form = el('form', { className: 'fields', id: 'reset-pin-form', noValidate: true, hidden: true },
    field('Recovery code', code, 'from the printout kept when the PIN was set'),
    field('New director PIN or passphrase', pin, PIN_RULE),
    field('Type it again', confirm),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Set new PIN and open')));
  const clear = () => { code.value = ''; pin.value = ''; confirm.value = ''; clearFormMessage(form); };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      if (pin.value !== confirm.value) throw new Error('The two entries differ. Type the same PIN twice.');
      const { recoveryCode } = await api.resetDirectorPin(code.value, pin.value);
      clear();
      showRecoveryCode(shownIn, recoveryCode, () => onUnlocked({ failedTries: 0 }));
    } catch (error) {
      pin.value = '';
      confirm.value = '';
      formMessage(form, error.message);
    }
  });
  return { form, code, clear };
}
