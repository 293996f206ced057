// After a session is logged: what the writer's teacher may get, at the level the writer chose.
// A visit slip to print, a mail that opens in the mail program (or, too long for a mail link,
// text to copy), or a proof of visit that shows only date, time and tutor.

import { api } from '../../api.js';
import { el } from '../../dom.js';
import { printSheet } from '../../print.js';
import { visitSlip } from '../teacher-sheets.js';

/**
 * `say(text, kind)` reports at the desk; `close()` puts the panel away; `feedback` (null when
 * the director turned it off) hands the screen to the writer.
 */
export function visitSlipPanel(sessionId, writer, { say, close, feedback }) {
  const copyHolder = el('div', { id: 'mail-to-copy' });
  async function print(proof) {
    try {
      printSheet(visitSlip(await api.visitSlip(sessionId, proof), proof));
    } catch (error) {
      say(error.message, 'error');
    }
  }
  async function send() {
    try {
      const mail = await api.sendVisitToTeacher(sessionId);
      if (mail.uri) {
        say(`A message to ${mail.to} opened in the mail program.`);
        return;
      }
      const text = el('textarea', { id: 'mail-text', rows: 8, readOnly: true, value: `${mail.subject}\n\n${mail.body}` });
      copyHolder.replaceChildren(el('p', { className: 'hint' }, `Too long for a mail link: copy it into a mail to ${mail.to}.`), text);
      text.select();
      const copied = await navigator.clipboard?.writeText(text.value).then(() => true, () => false);
      say(copied ? `The message is too long for a mail link; it was copied. Paste it into a mail to ${mail.to}.`
        : `The message is too long for a mail link; it is selected below: copy it into a mail to ${mail.to}.`, 'warn');
    } catch (error) {
      say(error.message, 'error');
    }
  }
  const element = el('section', { className: 'card', id: 'visit-slip-panel', 'aria-labelledby': 'slip-title' },
    el('h2', { id: 'slip-title' }, `For ${writer}'s teacher`),
    el('p', { className: 'hint' }, 'Only what the writer agreed to share; a proof of visit shows just the date, time and tutor.'),
    el('div', { className: 'form-actions' },
      el('button', { type: 'button', id: 'print-visit-slip', onclick: () => print(false) }, 'Print visit slip'),
      el('button', { type: 'button', className: 'secondary', id: 'send-to-teacher', onclick: send }, 'Send to teacher'),
      el('button', { type: 'button', className: 'secondary', id: 'print-proof', onclick: () => print(true) }, 'Print proof of visit'),
      feedback ? el('button', { type: 'button', className: 'secondary', id: 'hand-to-writer', onclick: feedback }, 'Hand the screen to the writer') : null,
      el('button', { type: 'button', className: 'secondary', onclick: close }, 'Done')),
    copyHolder);
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { event.preventDefault(); close(); }
  });
  return { element, focus: () => element.querySelector('button').focus() };
}
