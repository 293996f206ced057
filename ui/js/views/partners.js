// Partners: partner institutions, their mentor contacts, and the partnership log in both
// directions (given to / received from the partner) for the school year.

import { api } from '../api.js';
import { dateInput, el, emptyState, simpleForm } from '../dom.js';
import { today } from '../time.js';
import { labelOf, termOptions } from '../vocabulary.js';
import { dataSharingSection } from './partners/data-sharing.js';

/** A form whose submit calls `save(values)`; shows the refusal, or runs `done` and resets. */
async function followUpsCard() {
  const due = await api.followUpsThisWeek();
  return el('section', { className: 'card', id: 'follow-ups' }, el('h2', {}, 'Follow-ups due this week'),
    due.length
      ? el('ul', { className: 'follow-ups' }, due.map((f) => el('li', {}, el('strong', {}, f.date), ` · ${f.institutionName} · ${f.what}`)))
      : emptyState('Nothing due this week.'));
}

function activityList(activities, direction) {
  const rows = activities.filter((a) => a.direction === direction);
  const hours = rows.reduce((sum, a) => sum + a.hours, 0);
  return el('div', { className: 'direction', id: `activities-${direction}` },
    el('h3', { tabindex: '-1' }, labelOf('directions', direction), ` · ${rows.length} · ${hours} h`),
    rows.length
      ? el('ul', { className: 'activities' }, rows.map((a) => el('li', {},
        el('div', {}, el('strong', {}, a.date), ` · ${labelOf('activityKinds', a.kind)} · ${a.hours} h`),
        a.contactName ? el('div', { className: 'hint' }, `with ${a.contactName}`) : null,
        a.people ? el('div', { className: 'hint' }, a.people) : null,
        a.notes ? el('div', {}, a.notes) : null)))
      : emptyState('None yet this school year.'));
}

/**
 * Shows one partner in `holder` and puts the focus on `focusOn` (a selector inside it): the
 * partner's name when opened, or where a change just saved shows, since saving redraws the forms.
 */
async function partnerDetail(holder, institution, refreshList, focusOn = '#partner-detail h2') {
  const [contacts, activities, dataSharing] = await Promise.all([
    api.listContacts(institution.id), api.listActivities(institution.id), dataSharingSection(institution)]);
  const again = (focus) => partnerDetail(holder, institution, refreshList, focus);

  const contact = {
    name: el('input', { name: 'name', autocomplete: 'off' }), role: el('input', { name: 'role', autocomplete: 'off' }),
    email: el('input', { name: 'email', type: 'email', autocomplete: 'off' }), phone: el('input', { name: 'phone', autocomplete: 'off' }),
    followUp: dateInput({ name: 'nextFollowUp', placeholder: 'YYYY-MM-DD' }),
    primary: el('input', { name: 'isPrimary', type: 'checkbox' }),
  };
  const contactForm = simpleForm('add-contact',
    [['Name', contact.name], ['Role', contact.role], ['Email', contact.email], ['Phone', contact.phone],
      ['Next follow-up', contact.followUp, 'optional'], ['Primary contact', contact.primary]],
    'Add contact',
    () => api.addContact({
      institutionId: institution.id, name: contact.name.value, role: contact.role.value, email: contact.email.value,
      phone: contact.phone.value, nextFollowUp: contact.followUp.value, isPrimary: contact.primary.checked,
    }),
    async () => { await refreshList(); await again('#partner-contacts-heading'); });

  const activity = {
    date: dateInput({ name: 'date', value: today() }),
    kind: el('select', { name: 'kind' }, termOptions('activityKinds', el)),
    direction: el('select', { name: 'direction' }, termOptions('directions', el)),
    hours: el('input', { name: 'hours', type: 'number', min: 0, step: 0.5, value: 1 }),
    contact: el('select', { name: 'contact' }, el('option', { value: '' }, '—'), contacts.map((c) => el('option', { value: c.id }, c.name))),
    people: el('input', { name: 'people', autocomplete: 'off' }),
    notes: el('input', { name: 'notes', autocomplete: 'off' }),
    followUp: dateInput({ name: 'followUp', placeholder: 'YYYY-MM-DD' }),
  };
  const activityForm = simpleForm('add-activity',
    [['Date', activity.date], ['Kind', activity.kind], ['Direction', activity.direction], ['Hours', activity.hours],
      ['Contact', activity.contact], ['People involved', activity.people], ['Notes', activity.notes], ['Follow-up', activity.followUp, 'optional']],
    'Log activity',
    () => api.addActivity({
      institutionId: institution.id, date: activity.date.value, kind: activity.kind.value, direction: activity.direction.value,
      hours: Number(activity.hours.value), contactId: activity.contact.value ? Number(activity.contact.value) : null,
      people: activity.people.value, notes: activity.notes.value, followUp: activity.followUp.value,
    }),
    async (logged) => { await refreshList(); await again(`#activities-${logged.direction} h3`); });

  holder.replaceChildren(el('section', { className: 'card', id: 'partner-detail' },
    el('h2', { tabindex: '-1' }, institution.name),
    el('p', { className: 'hint' }, labelOf('partnerKinds', institution.kind)),
    el('h3', { id: 'partner-contacts-heading', tabindex: '-1' }, 'Mentor contacts'),
    contacts.length
      ? el('table', { id: 'contacts-table' },
        el('thead', {}, el('tr', {}, ['Name', 'Role', 'Email', 'Phone', 'Last contacted', 'Next follow-up'].map((h) => el('th', {}, h)))),
        el('tbody', {}, contacts.map((c) => el('tr', {},
          el('td', {}, c.name, c.isPrimary ? el('span', { className: 'badge' }, ' primary') : null),
          el('td', {}, c.role), el('td', {}, c.email), el('td', {}, c.phone),
          el('td', {}, c.lastContacted || '—'), el('td', {}, c.nextFollowUp || '—')))))
      : emptyState('No contacts yet.'),
    contactForm,
    el('h3', {}, 'This school year'),
    el('div', { className: 'directions' }, activityList(activities, 'given'), activityList(activities, 'received')),
    activityForm,
    dataSharing));
  holder.querySelector(focusOn)?.focus();
}

async function institutionsCard(detail) {
  const list = el('div', { id: 'institutions-list' });
  async function refresh() {
    const institutions = await api.listInstitutions();
    list.replaceChildren(institutions.length
      ? el('table', { id: 'institutions-table' },
        el('thead', {}, el('tr', {}, ['Partner', 'Kind', 'Contacts', 'Last activity', ''].map((h) => el('th', {}, h)))),
        el('tbody', {}, institutions.map((i) => el('tr', { dataset: { institutionId: i.id } },
          el('td', {}, i.name), el('td', {}, labelOf('partnerKinds', i.kind)), el('td', { className: 'num' }, String(i.contacts)),
          el('td', {}, i.lastActivity || '—'),
          el('td', {}, el('button', { type: 'button', className: 'secondary open-partner', onclick: () => partnerDetail(detail, i, refresh) }, 'Open'))))))
      : emptyState('No partners yet. Add the university writing center or teacher preparation program you work with.'));
  }
  const name = el('input', { name: 'name', autocomplete: 'off' });
  const kind = el('select', { name: 'kind' }, termOptions('partnerKinds', el));
  const notes = el('input', { name: 'notes', autocomplete: 'off' });
  const form = simpleForm('add-institution', [['Name', name], ['Kind', kind], ['Notes', notes]], 'Add partner',
    () => api.addInstitution({ name: name.value, kind: kind.value, notes: notes.value }),
    async (added) => { await refresh(); await partnerDetail(detail, added, refresh); });
  await refresh();
  return el('section', { className: 'card', id: 'institutions' }, el('h2', {}, 'Partner institutions'), list, form);
}

export async function render(container) {
  const detail = el('div', { id: 'partner-holder' });
  const [followUps, institutions] = await Promise.all([followUpsCard(), institutionsCard(detail)]);
  container.replaceChildren(
    el('h1', {}, 'Partners'),
    el('p', { className: 'lede' }, 'Mentor contacts at partner institutions, and what the partnership gives and receives.'),
    followUps, institutions, detail);
}
