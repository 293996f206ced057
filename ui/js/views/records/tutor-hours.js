// Tutors' service beyond shifts: entries waiting for the director (approve, or decline with a
// reason; both audited), the director's own entries (approved as made), and the printable
// service records for one tutor or every active peer tutor.

import { api } from '../../api.js';
import { el, field, formMessage, clearFormMessage, emptyState, simpleForm } from '../../dom.js';
import { printSheet } from '../../print.js';
import { formatMinutes, today } from '../../time.js';
import { labelOf } from '../../vocabulary.js';
import { hoursFields } from '../hours-fields.js';
import { serviceRecordsSheet } from '../service-record-sheet.js';

/** `refresh()` redraws the list with the keyboard focus on the next entry (or the message). */
function waitingRow(entry, refresh, status) {
  const approve = el('button', { type: 'button', className: 'approve' }, 'Approve');
  const decline = el('button', { type: 'button', className: 'secondary' }, 'Decline\u2026');
  const actions = el('div', { className: 'row-actions' }, approve, decline);
  approve.addEventListener('click', async () => {
    try {
      await api.approveTutorHours(entry.id);
      status(`Approved ${formatMinutes(entry.minutes)} of ${labelOf('tutorHoursKinds', entry.kind).toLowerCase()} for ${entry.tutorName}.`);
      await refresh();
    } catch (error) {
      status(error.message, 'error');
    }
  });
  decline.addEventListener('click', () => {
    const reason = el('input', { name: 'reason', autocomplete: 'off', maxLength: 200, 'aria-label': `Why decline ${entry.tutorName}'s hours` });
    const form = el('form', { className: 'inline-form', noValidate: true }, reason, el('button', { type: 'submit', className: 'danger' }, 'Decline'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await api.declineTutorHours(entry.id, reason.value);
        status(`Declined ${entry.tutorName}'s entry.`);
        await refresh();
      } catch (error) {
        formMessage(form, error.message);
      }
    });
    actions.replaceChildren(form);
    reason.focus();
  });
  return el('tr', { dataset: { hoursId: entry.id } },
    el('td', {}, entry.tutorName), el('td', {}, entry.date), el('td', {}, labelOf('tutorHoursKinds', entry.kind)),
    el('td', {}, entry.description), el('td', {}, formatMinutes(entry.minutes)), el('td', {}, actions));
}

function addHoursForm(tutors, added) {
  const entry = hoursFields(tutors);
  const form = simpleForm('add-hours', entry.fields, 'Add approved hours', () => api.addTutorHours(entry.value()),
    async (saved) => {
      formMessage(form, `Added ${formatMinutes(saved.minutes)} for ${saved.tutorName}.`, 'ok');
      entry.date.value = today();
      await added();
      entry.tutor.focus();
    });
  return form;
}

function printForm(tutors) {
  const tutor = el('select', { id: 'record-tutor' }, tutors.map((t) => el('option', { value: t.id }, t.name)));
  const one = el('button', { type: 'button', id: 'print-record' }, 'Print service record');
  const all = el('button', { type: 'button', className: 'secondary', id: 'print-peer-records' }, 'Print for every active peer tutor');
  const form = el('form', { className: 'fields', id: 'service-record-form', noValidate: true },
    field('Tutor', tutor), el('div', { className: 'form-actions' }, one, all));
  const print = async (records) => {
    clearFormMessage(form);
    try {
      const loaded = await records();
      if (!loaded.length) throw new Error('There is no active peer tutor to print for.');
      printSheet(serviceRecordsSheet(loaded));
    } catch (error) {
      formMessage(form, error.message);
    }
  };
  one.addEventListener('click', () => print(async () => [await api.serviceRecord(Number(tutor.value))]));
  all.addEventListener('click', () => print(() => api.peerServiceRecords()));
  return form;
}

export async function tutorHoursSection() {
  const tutors = await api.listTutors();
  const list = el('div', { id: 'waiting-hours' });
  const message = el('p', { role: 'status', id: 'hours-status', className: 'form-message ok', hidden: true, tabIndex: -1 });
  const status = (text, kind = 'ok') => {
    message.hidden = false;
    message.className = `form-message ${kind}`;
    message.textContent = text;
  };
  async function render() {
    const waiting = await api.waitingTutorHours();
    list.replaceChildren(waiting.length
      ? el('div', { className: 'table-scroll' }, el('table', { id: 'waiting-hours-table' },
        el('thead', {}, el('tr', {}, ['Tutor', 'Date', 'Kind', 'What', 'Hours', ''].map((h) => el('th', {}, h)))),
        el('tbody', {}, waiting.map((entry) => waitingRow(entry, refresh, status)))))
      : emptyState('No hours are waiting for approval.'));
  }
  // After an approval or a refusal the row is gone: focus moves on rather than to nowhere.
  async function refresh() {
    await render();
    (list.querySelector('button.approve') || message).focus();
  }
  await render();
  return el('section', { className: 'card', id: 'tutor-hours' },
    el('h2', {}, 'Service beyond shifts'),
    el('p', { className: 'hint' }, 'Training, workshops led, class visits and outreach. Tutors enter theirs at the desk; they count once approved here.'),
    el('h3', {}, 'Waiting for approval'), message, list,
    el('h3', {}, 'Add hours'), tutors.length ? addHoursForm(tutors, render) : emptyState('Add tutors first.'),
    el('h3', {}, 'Service records'),
    el('p', { className: 'hint' }, 'This school year: every shift, sessions tutored, approved hours and the totals, with a line for your signature. Save as PDF from the print dialog.'),
    tutors.length ? printForm(tutors) : emptyState('Add tutors first.'));
}
