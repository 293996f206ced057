// The queue board: who is waiting (and for how long), who is in a session with whom, and
// how many of today's visits are finished. Actions: start a session, mark a walk-away, end and log.

import { el, emptyState } from '../../dom.js';
import { clockTime, formatMinutes, minutesSince } from '../../time.js';

function waitLabel(visit) {
  return el('span', { className: 'wait', dataset: { since: visit.signedInAt } }, `waiting ${formatMinutes(minutesSince(visit.signedInAt))}`);
}

function startForm(visit, tutors, { start, cancel }) {
  const onShift = tutors.filter((tutor) => tutor.onShiftSince);
  const preferred = onShift.find((tutor) => tutor.id === visit.requestedTutorId) || onShift[0];
  const select = el('select', { name: 'tutor', 'aria-label': `Tutor for ${visit.studentName}` },
    onShift.map((tutor) => el('option', { value: tutor.id, selected: tutor === preferred }, tutor.name)));
  const form = el('form', { className: 'inline-form start-form' },
    onShift.length ? select : el('span', { className: 'hint' }, 'No tutor is clocked in.'),
    el('button', { type: 'submit', disabled: !onShift.length }, 'Start session'),
    el('button', { type: 'button', className: 'secondary', onclick: cancel }, 'Cancel'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    start(visit, Number(select.value));
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { event.preventDefault(); cancel(); }
  });
  return { form, focus: () => (onShift.length ? select : form.querySelector('button.secondary')).focus() };
}

function waitingRow(visit, tutors, actions, state) {
  const row = el('li', { className: 'queue-row waiting', dataset: { visitId: visit.id } },
    el('div', { className: 'queue-main' },
      el('strong', { className: 'queue-name' }, visit.studentName),
      el('span', { className: 'hint' }, [visit.grade ? `Grade ${visit.grade}` : null, `in at ${clockTime(visit.signedInAt)}`].filter(Boolean).join(' · ')),
      waitLabel(visit),
      visit.workingOn ? el('span', { className: 'working-on' }, visit.workingOn) : null,
      visit.appointment ? el('span', { className: 'badge appointment' }, `appointment ${visit.appointment.time}`) : null,
      visit.requestedTutorName ? el('span', { className: 'badge' }, `${visit.appointment ? 'booked with' : 'asked for'} ${visit.requestedTutorName}`) : null));
  if (state.startingVisitId === visit.id) {
    const { form, focus } = startForm(visit, tutors, actions);
    row.append(form);
    queueMicrotask(focus);
  } else {
    row.append(el('div', { className: 'queue-actions' },
      el('button', { type: 'button', className: 'start', onclick: () => actions.chooseTutor(visit) }, 'Start'),
      el('button', { type: 'button', className: 'secondary left', onclick: () => actions.left(visit) }, 'Left unseen')));
  }
  return row;
}

function sessionRow(visit, actions) {
  return el('li', { className: 'queue-row in-session', dataset: { visitId: visit.id } },
    el('div', { className: 'queue-main' },
      el('strong', { className: 'queue-name' }, visit.studentName),
      el('span', {}, `with ${visit.tutorName}`),
      el('span', { className: 'hint' }, `since ${clockTime(visit.startedAt)}`),
      visit.workingOn ? el('span', { className: 'working-on' }, visit.workingOn) : null),
    el('div', { className: 'queue-actions' },
      el('button', { type: 'button', className: 'end', onclick: () => actions.log(visit) }, 'End & log')));
}

/** A writer with an appointment today who hasn't come yet; "missed?" once the grace period is over. */
function expectedRow(appointment, actions) {
  const missed = el('button', { type: 'button', className: 'secondary small mark-missed', 'aria-label': `Mark ${appointment.studentName}'s appointment missed` }, 'Missed');
  missed.addEventListener('click', () => actions.missed(appointment));
  return el('li', { className: 'queue-row expected', dataset: { appointmentId: appointment.id } },
    el('div', { className: 'queue-main' },
      el('strong', { className: 'queue-name' }, appointment.studentName),
      el('span', { className: 'hint' }, `${appointment.start}\u2013${appointment.end} \u00b7 ${appointment.tutorName ?? 'any tutor'}`),
      appointment.overdue ? el('span', { className: 'badge warn' }, 'missed?') : null),
    appointment.overdue ? missed : null);
}

export function renderQueue(holder, queue, tutors, actions, state) {
  const waiting = queue.open.filter((v) => v.status === 'waiting');
  const inSession = queue.open.filter((v) => v.status === 'in_session');
  holder.replaceChildren(
    el('h2', {}, 'Queue'),
    ...(queue.expected.length
      ? [el('h3', {}, `Expected (${queue.expected.length})`),
        el('ul', { className: 'queue', id: 'queue-expected' }, queue.expected.map((a) => expectedRow(a, actions)))]
      : []),
    el('h3', {}, `Waiting (${waiting.length})`),
    waiting.length
      ? el('ul', { className: 'queue', id: 'queue-waiting' }, waiting.map((v) => waitingRow(v, tutors, actions, state)))
      : emptyState('Nobody is waiting.'),
    el('h3', {}, `In a session (${inSession.length})`),
    inSession.length
      ? el('ul', { className: 'queue', id: 'queue-in-session' }, inSession.map((v) => sessionRow(v, actions)))
      : emptyState('No sessions under way.'),
    el('p', { className: 'hint', id: 'queue-today' }, `Today: ${queue.loggedToday} logged · ${queue.leftToday} left unseen`));
}

/** Refreshes the "waiting N min" labels without re-rendering (keeps focus where it is). */
export function tickWaitTimes(holder) {
  holder.querySelectorAll('.wait[data-since]').forEach((label) => {
    label.textContent = `waiting ${formatMinutes(minutesSince(label.dataset.since))}`;
  });
}
