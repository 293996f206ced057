// The one-time recovery code, shown when a director PIN is set or reset: printed (or copied by
// hand) and kept away from the desk. It resets a forgotten PIN once; Scriptorium keeps only a
// hash of it, so this is the only time it can be read.

import { el } from '../dom.js';

/** Replaces `container`'s content with the code; `done` runs when the director has kept it. */
export function showRecoveryCode(container, recoveryCode, done) {
  const print = el('button', { type: 'button', className: 'secondary no-print', id: 'print-recovery-code' }, 'Print');
  const kept = el('button', { type: 'button', className: 'no-print', id: 'recovery-code-kept' }, 'I have kept it \u2014 continue');
  print.addEventListener('click', () => window.print());
  kept.addEventListener('click', done);
  container.replaceChildren(el('section', { className: 'card recovery-card', id: 'recovery-code-card' },
    el('h1', {}, 'Director recovery code'),
    el('p', {}, 'If the director PIN is ever forgotten, this code sets a new one, once. Print it or write it down, and keep it locked away from the desk. It will not be shown again.'),
    el('p', { className: 'recovery-code', id: 'recovery-code' }, recoveryCode),
    el('p', { className: 'hint' }, `Scriptorium, ${new Date().toLocaleDateString('en-US', { dateStyle: 'long' })}. Using it replaces it with a new code.`),
    el('div', { className: 'form-actions' }, print, kept)));
  kept.focus();
}
