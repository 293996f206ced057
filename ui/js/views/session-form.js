// The session form: the desk logs a session with it (pre-filled from the visit) and the director
// corrects one (pre-filled from the record). Refusals keep the form open with the precise reason.

import { api } from '../api.js';
import { clearFormMessage, dateInput, el, field, formMessage } from '../dom.js';
import { clockTime, formatMinutes, nowTime } from '../time.js';
import { vocabulary } from '../vocabulary.js';


function options(values, placeholder, selected) {
  return [el('option', { value: '' }, placeholder), ...values.map((value) => el('option', { value, selected: value === selected }, value))];
}

function confidenceSelect(name, selected) {
  return el('select', { name }, el('option', { value: '' }, '—'), [1, 2, 3, 4, 5].map((n) => el('option', { value: n, selected: n === selected }, n)));
}

function minutesBetween(start, end) {
  const toMinutes = (hhmm) => { const [h, m] = hhmm.split(':').map(Number); return h * 60 + m; };
  if (!/^\d{1,2}:\d{2}$/.test(start) || !/^\d{1,2}:\d{2}$/.test(end)) return null;
  return toMinutes(end) - toMinutes(start);
}

/** Opens the log form for an in-session visit; `logged()` runs after a successful save. */
export function openLogDialog(visit, tutors, { logged }) {
  const initial = {
    tutorIds: [visit.tutorId],
    date: (visit.startedAt || visit.signedInAt).slice(0, 10),
    startTime: clockTime(visit.startedAt || visit.signedInAt),
    endTime: nowTime(),
    concerns: [],
    // A writer who booked starts from what they booked for.
    course: visit.appointment?.course,
    teacherName: visit.appointment?.teacherName,
    assignmentType: visit.appointment?.assignmentType,
  };
  const who = [visit.studentName, visit.workingOn].filter(Boolean).join(' · ');
  return openSessionForm({
    title: 'Log the session', who, initial, tutors, saveLabel: 'Save session', askConsent: true, studentId: visit.studentId,
    save: (form) => api.logSession({ ...form, visitId: visit.id, studentId: visit.studentId }),
    saved: logged,
  });
}

/**
 * @param {object} options
 *   title, who       heading and the writer line
 *   initial          SessionLog-shaped values to start from
 *   tutors           tutors to choose from
 *   save(form)       sends the form's values; rejects with the reason to show
 *   saved(result)    runs after a successful save, once the dialog is closed
 *   askConsent       a new session: ask what the writer's teacher may hear
 *   studentId        the writer, for the teacher's briefs shown beside the form
 */
export async function openSessionForm({ title, who, initial, tutors, saveLabel, save, saved, askConsent = false, studentId = null }) {
  const [teachers, departments] = await Promise.all([api.listTeachers(), api.listDepartments()]);
  const lists = vocabulary();
  const tutorOptions = (selectedId, placeholder) => [
    el('option', { value: '' }, placeholder),
    ...tutors.map((tutor) => el('option', { value: tutor.id, selected: tutor.id === selectedId }, tutor.name)),
  ];
  const inputs = {
    leadTutor: el('select', { name: 'leadTutor' }, tutorOptions(initial.tutorIds?.[0] ?? null, 'Choose…')),
    secondTutor: el('select', { name: 'secondTutor' }, tutorOptions(initial.tutorIds?.[1] ?? null, 'None')),
    date: dateInput({ name: 'date', value: initial.date || '' }),
    startTime: el('input', { name: 'startTime', value: initial.startTime || '', inputMode: 'numeric', autocomplete: 'off' }),
    endTime: el('input', { name: 'endTime', value: initial.endTime || '', inputMode: 'numeric', autocomplete: 'off' }),
    course: el('input', { name: 'course', autocomplete: 'off', maxLength: 80, value: initial.course || '' }),
    teacherName: el('input', { name: 'teacherName', autocomplete: 'off', list: 'teacher-names', maxLength: 80, value: initial.teacherName || '' }),
    // The school's list only (Settings): a partner file never shows a department typed here.
    teacherDepartment: el('select', { name: 'teacherDepartment' }, options(departments, 'None or as on file', departments.includes(initial.teacherDepartment) ? initial.teacherDepartment : '')),
    assignmentType: el('select', { name: 'assignmentType' }, options(lists.assignmentTypes, 'Choose…', initial.assignmentType)),
    writingStage: el('select', { name: 'writingStage' }, options(lists.writingStages, 'Choose…', initial.writingStage)),
    notes: el('textarea', { name: 'notes', maxLength: 4000, value: initial.notes || '' }),
    nextSteps: el('textarea', { name: 'nextSteps', maxLength: 1000, value: initial.nextSteps || '' }),
    confidenceBefore: confidenceSelect('confidenceBefore', initial.confidenceBefore),
    confidenceAfter: confidenceSelect('confidenceAfter', initial.confidenceAfter),
  };
  const modes = lists.modes.map(({ value, label }, index) =>
    el('label', { className: 'check' }, el('input', { type: 'radio', name: 'mode', value, checked: initial.mode ? value === initial.mode : index === 0 }), label));
  const concerns = lists.concerns.map((concern) =>
    el('label', { className: 'check' }, el('input', { type: 'checkbox', name: 'concern', value: concern, checked: (initial.concerns || []).includes(concern) }), concern));
  const consent = askConsent
    ? el('fieldset', { className: 'span-all inline-choices consent', id: 'log-consent' },
      el('legend', {}, 'May the teacher hear about this visit? Ask the writer.'),
      lists.consentLevels.map(({ value, label }, index) => el('label', { className: 'check' },
        el('input', { type: 'radio', name: 'consent', value, checked: index === 0 }), label)),
      el('span', { className: 'hint' }, 'Tutors\u2019 notes are never shared.'))
    : null;
  const briefs = el('aside', { className: 'span-all briefs', id: 'log-briefs', 'aria-live': 'polite' });
  const showBriefs = async () => {
    if (studentId === null) return;
    const found = await api.briefsForSession(inputs.teacherName.value, inputs.course.value, studentId);
    briefs.replaceChildren(...found.map((b) => el('div', { className: 'brief' },
      el('strong', {}, `${b.teacherName}: ${b.title}`),
      el('span', { className: 'hint' }, [b.course, `due ${b.dueDate}`, b.earnsCredit ? `a visit earns credit until ${b.until}` : null].filter(Boolean).join(' \u00b7 ')),
      b.focus ? el('p', {}, `Focus: ${b.focus}`) : null)));
  };
  inputs.teacherName.addEventListener('change', showBriefs);
  inputs.course.addEventListener('change', showBriefs);
  const duration = el('output', { id: 'log-duration', className: 'duration' });
  const showDuration = () => {
    const minutes = minutesBetween(inputs.startTime.value.trim(), inputs.endTime.value.trim());
    duration.textContent = minutes === null ? '' : minutes > 0 ? `Duration: ${formatMinutes(minutes)}` : 'End must be after start';
    duration.classList.toggle('invalid', minutes !== null && minutes <= 0);
  };
  inputs.startTime.addEventListener('input', showDuration);
  inputs.endTime.addEventListener('input', showDuration);
  // A known teacher fills in their department.
  inputs.teacherName.addEventListener('change', () => {
    const known = teachers.find((t) => t.name.toLowerCase() === inputs.teacherName.value.trim().toLowerCase());
    // A department from before the list stays on file: the form leaves it as it is.
    if (known) inputs.teacherDepartment.value = departments.includes(known.department) ? known.department : '';
  });

  const form = el('form', { className: 'fields log-form', id: 'log-form', method: 'dialog', noValidate: true },
    el('div', { className: 'span-all log-who' }, el('strong', {}, who)),
    briefs,
    field('Tutor', inputs.leadTutor),
    field('Second tutor', inputs.secondTutor, 'optional, e.g. shadowing'),
    el('fieldset', { className: 'span-2 inline-choices' }, el('legend', {}, 'Mode'), modes),
    field('Date', inputs.date, 'YYYY-MM-DD'),
    field('Start', inputs.startTime, 'HH:MM'),
    field('End', inputs.endTime, 'HH:MM'),
    el('div', { className: 'duration-box' }, duration),
    field('Course', inputs.course, 'optional'),
    field('Teacher', inputs.teacherName, 'pick or type'),
    field('Department', inputs.teacherDepartment, 'the school\u2019s list (Settings)'),
    el('div'),
    el('label', { className: 'span-2' }, 'Assignment type', inputs.assignmentType),
    el('label', { className: 'span-2' }, 'Stage of the writing process', inputs.writingStage),
    el('fieldset', { className: 'span-all concerns' }, el('legend', {}, 'Concerns worked on'), concerns),
    el('label', { className: 'span-2' }, 'Notes', inputs.notes),
    el('label', { className: 'span-2' }, 'Next steps', el('span', { className: 'hint' }, 'shown to the next tutor this writer sees'), inputs.nextSteps),
    field('Confidence before (1–5)', inputs.confidenceBefore),
    field('Confidence after (1–5)', inputs.confidenceAfter),
    consent,
    el('datalist', { id: 'teacher-names' }, teachers.map((t) => el('option', { value: t.name }))),
    el('div', { className: 'form-actions' },
      el('button', { type: 'submit', id: 'log-save' }, saveLabel),
      el('button', { type: 'button', className: 'secondary', id: 'log-cancel' }, 'Cancel'),
      el('span', { className: 'hint' }, 'Ctrl+Enter to save · Esc to cancel')));

  const dialog = el('dialog', { id: 'log-dialog', 'aria-labelledby': 'log-title' },
    el('h2', { id: 'log-title' }, title), form);
  // Closing gives the focus back to what opened the form, if it is still there (a save may then
  // move it on: the caller's `saved` knows where the change shows).
  const opener = document.activeElement;
  const close = () => {
    dialog.close();
    dialog.remove();
    if (opener?.isConnected) opener.focus();
  };
  form.querySelector('#log-cancel').addEventListener('click', close);
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(); });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.ctrlKey) { event.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    const tutorIds = [inputs.leadTutor.value, inputs.secondTutor.value].filter(Boolean).map(Number);
    const orNull = (select) => (select.value ? Number(select.value) : null);
    try {
      const result = await save({
        consent: form.querySelector('input[name=consent]:checked')?.value ?? '',
        tutorIds,
        date: inputs.date.value,
        startTime: inputs.startTime.value,
        endTime: inputs.endTime.value,
        mode: form.querySelector('input[name=mode]:checked')?.value || '',
        course: inputs.course.value,
        teacherName: inputs.teacherName.value,
        teacherDepartment: inputs.teacherDepartment.value,
        assignmentType: inputs.assignmentType.value,
        writingStage: inputs.writingStage.value,
        concerns: [...form.querySelectorAll('input[name=concern]:checked')].map((box) => box.value),
        notes: inputs.notes.value,
        nextSteps: inputs.nextSteps.value,
        confidenceBefore: orNull(inputs.confidenceBefore),
        confidenceAfter: orNull(inputs.confidenceAfter),
      });
      close();
      saved(result);
    } catch (error) {
      formMessage(form, error.message).scrollIntoView({ block: 'nearest' });
    }
  });

  document.body.append(dialog);
  showDuration();
  showBriefs();
  dialog.showModal();
  inputs.assignmentType.focus();
}
