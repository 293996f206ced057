// Visits (sign-ins): the record of who came, for the director to review and correct.

import { api } from '../../api.js';
import { clearFormMessage, dateInput, el, emptyState, field, formMessage } from '../../dom.js';
import { showPaged } from '../../paging.js';
import { labelOf } from '../../vocabulary.js';

const time = (stamp) => (stamp ? stamp.replace('T', ' ').slice(0, 16) : '');

export async function visitsSection() {
  const from = dateInput({ name: 'from', placeholder: 'YYYY-MM-DD' });
  const to = dateInput({ name: 'to', placeholder: 'YYYY-MM-DD' });
  const list = el('div', { id: 'visits-list' });
  const form = el('form', { className: 'fields', id: 'visit-filters', noValidate: true },
    field('From', from), field('To', to),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Find visits')));
  const visitRow = (v) => el('tr', {},
    el('td', {}, time(v.signedInAt)), el('td', {}, v.studentName), el('td', {}, labelOf('visitStatuses', v.status), v.closedAutomatically ? el('div', { className: 'hint' }, 'closed automatically at closing time') : null),
    el('td', {}, v.tutorName || v.requestedTutorName || ''), el('td', {}, v.workingOn));
  async function refresh() {
    clearFormMessage(form);
    const [first, last] = [from.value || null, to.value || null];
    const table = el('table', { id: 'visits-table' },
      el('thead', {}, el('tr', {}, ['Signed in', 'Writer', 'Status', 'Tutor', 'Working on'].map((h) => el('th', {}, h)))));
    try {
      await showPaged(list, table, (limit, offset) => api.listVisits(first, last, { limit, offset }), visitRow, emptyState('No visits in this range.'));
    } catch (error) {
      formMessage(form, error.message);
    }
  }
  form.addEventListener('submit', (event) => { event.preventDefault(); refresh(); });
  await refresh();
  return el('section', { className: 'card', id: 'visits' }, el('h2', {}, 'Visits'), form, list);
}
