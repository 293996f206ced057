// Group events: class visits at a teacher's invitation, workshops and presentations. The
// director records each once it has happened, corrects it (audited) or deletes it with a reason.
// They are counted apart from one-to-one sessions; a class visit or workshop gives the tutors
// who led it their hours.

import { api } from '../../api.js';
import { clearFormMessage, dateInput, el, emptyState, field, formMessage } from '../../dom.js';
import { formatMinutes, nowTime, today } from '../../time.js';
import { labelOf, termOptions } from '../../vocabulary.js';

function eventForm(tutors, partners, saved) {
  const input = (name, attrs = {}) => el('input', { name, autocomplete: 'off', ...attrs });
  const fields = {
    kind: el('select', { name: 'kind' }, termOptions('eventKinds', el)),
    date: dateInput({ name: 'date', value: today() }),
    startTime: input('startTime', { inputMode: 'numeric', maxLength: 5 }),
    endTime: input('endTime', { value: nowTime(), inputMode: 'numeric', maxLength: 5 }),
    teacherName: input('teacherName', { maxLength: 80 }),
    course: input('course', { maxLength: 80 }),
    period: input('period', { maxLength: 40 }),
    topic: input('topic', { maxLength: 120 }),
    headcount: input('headcount', { inputMode: 'numeric', maxLength: 4 }),
    institution: el('select', { name: 'institution' }, el('option', { value: '' }, 'None'),
      partners.map((p) => el('option', { value: p.id }, p.name))),
    partnerLog: el('select', { name: 'partnerLog' }, el('option', { value: '' }, 'No'),
      el('option', { value: 'given' }, 'Yes: given to the partner'), el('option', { value: 'received' }, 'Yes: received from the partner')),
    notes: el('textarea', { name: 'notes', rows: 2, maxLength: 2000 }),
  };
  const tutorBoxes = tutors.map((tutor) => el('label', { className: 'check' },
    el('input', { type: 'checkbox', name: 'tutor', value: tutor.id }), tutor.name));
  let correcting = null;
  const submit = el('button', { type: 'submit', id: 'event-save' }, 'Record event');
  const cancel = el('button', { type: 'button', className: 'secondary', hidden: true }, 'Cancel correction');
  const form = el('form', { className: 'fields', id: 'event-form', noValidate: true },
    field('Kind', fields.kind), field('Date', fields.date, 'YYYY-MM-DD'), field('Start', fields.startTime, 'HH:MM'),
    field('End', fields.endTime, 'HH:MM'), field('Teacher', fields.teacherName, 'for a class visit'),
    field('Course', fields.course), field('Period', fields.period), field('Topic', fields.topic),
    field('People reached', fields.headcount),
    el('fieldset', { className: 'span-all inline-choices' }, el('legend', {}, 'Tutors who led it (lead first)'), tutorBoxes),
    field('Partner involved', fields.institution), field('Add to the partnership log', fields.partnerLog),
    el('label', { className: 'span-all' }, 'Notes', fields.notes),
    el('div', { className: 'form-actions' }, submit, cancel));

  function values() {
    return {
      kind: fields.kind.value, date: fields.date.value, startTime: fields.startTime.value, endTime: fields.endTime.value,
      teacherName: fields.teacherName.value, course: fields.course.value, period: fields.period.value,
      topic: fields.topic.value, headcount: Number(fields.headcount.value || 0),
      tutorIds: tutorBoxes.map((box) => box.querySelector('input')).filter((box) => box.checked).map((box) => Number(box.value)),
      institutionId: fields.institution.value ? Number(fields.institution.value) : null,
      partnerLog: correcting ? '' : fields.partnerLog.value,
      notes: fields.notes.value,
    };
  }

  function stopCorrecting() {
    correcting = null;
    form.reset();
    submit.textContent = 'Record event';
    cancel.hidden = true;
    fields.partnerLog.disabled = false;
  }
  cancel.addEventListener('click', stopCorrecting);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      const wasLogged = correcting && fields.partnerLog.value !== '';
      const recorded = correcting ? await api.correctEvent(correcting, values()) : await api.addEvent(values());
      const verb = correcting ? 'Corrected' : 'Recorded';
      stopCorrecting();
      formMessage(form, `${verb}: ${labelOf('eventKinds', recorded.kind).toLowerCase()} on ${recorded.date}, ${recorded.headcount} people.${logNote(wasLogged, recorded)}`, 'ok').id = 'event-saved';
      await saved();
    } catch (error) {
      formMessage(form, error.message);
    }
  });

  /** Fills the form with an event to correct it. */
  function correct(recorded) {
    correcting = recorded.id;
    clearFormMessage(form);
    for (const [name, value] of Object.entries({
      kind: recorded.kind, date: recorded.date, startTime: recorded.startTime, endTime: recorded.endTime,
      teacherName: recorded.teacherName, course: recorded.course, period: recorded.period, topic: recorded.topic,
      headcount: String(recorded.headcount), institution: recorded.institutionId ?? '', notes: recorded.notes,
    })) fields[name].value = value;
    for (const box of tutorBoxes) box.querySelector('input').checked = recorded.tutorIds.includes(Number(box.querySelector('input').value));
    // Its line in the partnership log, if it has one, follows the correction.
    fields.partnerLog.value = recorded.partnerLog ?? '';
    fields.partnerLog.disabled = true;
    submit.textContent = 'Save correction';
    cancel.hidden = false;
    fields.kind.focus();
  }
  return { form, correct };
}

/** What a correction did to the event's line in the partnership log. */
function logNote(wasLogged, recorded) {
  if (!wasLogged) return '';
  return recorded.partnerLog ? ' Its line in the partnership log was corrected too.' : ' Its line was taken out of the partnership log.';
}

function deleteForm(recorded, done) {
  const reason = el('input', { name: 'reason', autocomplete: 'off', maxLength: 200, 'aria-label': `Why delete ${recorded.topic}` });
  const form = el('form', { className: 'inline-form', noValidate: true }, reason, el('button', { type: 'submit', className: 'danger' }, 'Delete'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.deleteEvent(recorded.id, reason.value);
      await done();
    } catch (error) {
      formMessage(form, error.message);
      reason.focus();
    }
  });
  return form;
}

export async function eventsSection() {
  const [tutors, partners, range] = await Promise.all([api.listTutors(), api.listInstitutions(), api.schoolYearSoFar()]);
  const list = el('div', { id: 'events-list' });
  const editor = eventForm(tutors, partners, () => refresh());
  async function refresh() {
    const events = await api.listEvents(range.from, today());
    list.replaceChildren(events.length
      ? el('div', { className: 'table-scroll' }, el('table', { id: 'events-table' },
        el('thead', {}, el('tr', {}, ['Date', 'Kind', 'Topic', 'Teacher', 'People', 'Length', 'Tutors', ''].map((h) => el('th', {}, h)))),
        el('tbody', {}, events.map((recorded) => {
          const correct = el('button', { type: 'button', className: 'secondary' }, 'Correct');
          correct.addEventListener('click', () => editor.correct(recorded));
          const remove = el('button', { type: 'button', className: 'secondary' }, 'Delete\u2026');
          const actions = el('div', { className: 'row-actions' }, correct, remove);
          remove.addEventListener('click', () => {
            // Once deleted the row is gone: focus goes to the next event, or to the form.
            const form = deleteForm(recorded, async () => {
              await refresh();
              (list.querySelector('tbody button') || editor.form.querySelector('select')).focus();
            });
            actions.replaceChildren(form);
            form.querySelector('input').focus();
          });
          return el('tr', { dataset: { eventId: recorded.id } },
            el('td', { className: 'when' }, el('span', {}, recorded.date)), el('td', {}, labelOf('eventKinds', recorded.kind)), el('td', {}, recorded.topic),
            el('td', {}, [recorded.teacherName, recorded.course, recorded.period].filter(Boolean).join(' \u00b7 ')),
            el('td', { className: 'num' }, String(recorded.headcount)), el('td', {}, formatMinutes(recorded.minutes)),
            el('td', {}, recorded.tutorNames.join(', ')), el('td', {}, actions));
        }))))
      : emptyState('No class visits, workshops or presentations this school year yet.'));
  }
  await refresh();
  return el('section', { className: 'card', id: 'events' },
    el('h2', {}, 'Class visits and workshops'),
    el('p', { className: 'hint' }, 'Counted apart from one-to-one sessions. A class visit or workshop gives each tutor who led it that time as service hours.'),
    editor.form, list);
}
