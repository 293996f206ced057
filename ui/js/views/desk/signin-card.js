// The card shown right after sign-in: the writer's last sessions and next steps, so this visit
// continues the last conversation, and a chance to note a requested tutor and today's task.

import { api } from '../../api.js';
import { el, field, formMessage, clearFormMessage } from '../../dom.js';
import { clockTime } from '../../time.js';

function pastSession(session) {
  return el('li', { className: 'past-session' },
    el('div', { className: 'past-head' },
      el('strong', {}, session.date),
      ` · ${session.tutors || 'no tutor recorded'} · ${session.assignmentType}`,
      session.course ? ` · ${session.course}` : null),
    session.nextSteps
      ? el('p', { className: 'next-steps' }, el('span', { className: 'label' }, 'Next steps: '), session.nextSteps)
      : el('p', { className: 'hint' }, 'No next steps were noted.'));
}

/**
 * @param {object} result  {visit, continuity} from a sign-in
 * @param {Array} tutors   active tutors (with onShiftSince)
 */
export function signInCard(result, tutors, { done }) {
  const { visit, continuity } = result;
  const suggested = continuity.suggestedTutor;
  const onShift = tutors.filter((tutor) => tutor.onShiftSince);
  const tutorSelect = el('select', { name: 'requestedTutor' },
    el('option', { value: '' }, 'Anyone available'),
    onShift.map((tutor) => el('option', { value: tutor.id, selected: suggested?.id === tutor.id },
      suggested?.id === tutor.id ? `${tutor.name} (last time)` : tutor.name)));
  const workingOn = el('input', { name: 'workingOn', autocomplete: 'off', maxLength: 200, placeholder: 'e.g. English 10 essay on Gatsby' });

  const form = el('form', { className: 'fields', id: 'visit-request', noValidate: true },
    field('Working on', workingOn),
    field('Requested tutor', tutorSelect, suggested ? 'same tutor as last time is on shift' : null),
    el('div', { className: 'form-actions' },
      el('button', { type: 'submit' }, 'Save'),
      el('button', { type: 'button', className: 'secondary', onclick: () => done() }, 'Skip'),
      el('span', { className: 'hint' }, 'Enter to save · Esc to skip')));

  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { event.preventDefault(); done(); }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      await api.setVisitRequest(visit.id, {
        requestedTutorId: tutorSelect.value ? Number(tutorSelect.value) : null,
        workingOn: workingOn.value,
      });
      done();
    } catch (error) {
      formMessage(form, error.message);
    }
  });

  const history = continuity.recent.length
    ? el('div', { className: 'continuity' },
      el('h3', {}, 'Last time'),
      el('ul', { className: 'past-sessions' }, continuity.recent.map(pastSession)))
    : el('p', { className: 'continuity first-visit' }, 'First visit: welcome them to the writing center!');

  const referred = (result.referrals ?? []).map((r) => el('li', {},
    el('strong', {}, `Referred by ${r.teacherName}`), ` on ${r.date}`,
    r.briefTitle ? ` for \u201c${r.briefTitle}\u201d` : '', r.note ? ` \u00b7 ${r.note}` : ''));
  const card = el('section', { className: 'card panel signin-card', id: 'signin-card', 'aria-live': 'polite' },
    el('h2', {}, `${visit.studentName} is signed in`),
    el('p', { className: 'hint' }, `Signed in at ${clockTime(visit.signedInAt)}${visit.grade ? ` · Grade ${visit.grade}` : ''}`),
    referred.length ? el('ul', { className: 'referrals', id: 'signin-referrals' }, referred) : null,
    history,
    form);
  return { element: card, focus: () => workingOn.focus() };
}
