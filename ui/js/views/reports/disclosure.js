// What a de-identified sessions file will hold, shown before the director saves it: the weeks it
// covers, how many rows were generalized and withheld, and whether writer codes link files.

import { el } from '../../dom.js';

const count = (n) => n.toLocaleString('en-US');

function codesLine(disclosure, partnerName) {
  const agreement = disclosure.stableCodesUnder;
  return agreement
    ? `Writer codes stay the same in every file for ${partnerName}, under the data-sharing agreement of ${agreement.signedOn} (${agreement.purpose}).`
    : `Writer codes are new in this file: no data-sharing agreement with ${partnerName} is recorded (Partners).`;
}

/** The panel: the figures, and Save / Cancel. `save` and `cancel` are called on the buttons. */
export function disclosurePanel(disclosure, partnerName, { save, cancel }) {
  const d = disclosure;
  const steps = d.generalizedByStep;
  const saveButton = el('button', { type: 'button', id: 'deidentified-save' }, 'Save file\u2026');
  const cancelButton = el('button', { type: 'button', id: 'deidentified-cancel', className: 'secondary' }, 'Cancel');
  saveButton.addEventListener('click', save);
  cancelButton.addEventListener('click', cancel);
  const panel = el('div', { className: 'disclosure', id: 'deidentified-disclosure', role: 'region', 'aria-label': 'What the file will hold' },
    el('h3', {}, `Weeks ${d.firstWeek} to ${d.lastWeek} (${d.from} to ${d.through})`),
    el('p', {}, 'Partner files cover whole weeks that have ended, so the dates may reach beyond the range you typed.'),
    el('dl', { className: 'facts' },
      el('dt', {}, 'Sessions in these weeks'), el('dd', { id: 'disclosure-sessions' }, count(d.sessions)),
      el('dt', {}, 'Written as recorded (week, length band)'), el('dd', { id: 'disclosure-as-recorded' }, count(d.asRecorded)),
      el('dt', {}, 'Written with values coarsened'), el('dd', { id: 'disclosure-generalized' }, count(d.generalized)),
      el('dt', {}, 'Withheld'), el('dd', { id: 'disclosure-withheld' }, count(d.withheld))),
    el('p', {}, `No row will share its grade, week, length, mode, department, assignment, stage and tutor with fewer than ${d.threshold - 1} others.`),
    el('ul', { className: 'hint' }, steps.filter((s) => s.rows > 0).map((s) => el('li', {}, `${count(s.rows)} written with ${s.step}`))),
    el('p', { id: 'disclosure-codes' }, codesLine(d, partnerName)),
    el('div', { className: 'form-actions' }, saveButton, cancelButton));
  return { element: panel, focus: () => saveButton.focus() };
}
