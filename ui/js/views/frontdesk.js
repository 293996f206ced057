// Front desk: find or quick-add a writer, sign them in, run the queue, log sessions, clock
// shifts. Keyboard-first: focus returns to the search box after every action. The desk shows
// today's queue and a returning writer's own card, never the full records.

import { api } from '../api.js';
import { el } from '../dom.js';
import { writerSearch } from './desk/search.js';
import { renderQueue, tickWaitTimes } from './desk/queue.js';
import { renderShifts } from './desk/shifts.js';
import { markOnce } from '../startup-marks.js';

// What the desk needs only after a first action: loaded once the first view is painted, so the
// window's first frame waits for less.
const afterFirstAction = {
  signInCard: () => import('./desk/signin-card.js'),
  quickAddForm: () => import('./desk/quick-add.js'),
  sessionForm: () => import('./session-form.js'),
  freedTime: () => import('./desk/freed-time.js'),
  visitSlip: () => import('./desk/visit-slip.js'),
  feedbackScreen: () => import('./desk/feedback-screen.js'),
  tutorHours: () => import('./desk/tutor-hours.js'),
};

/** Loads the desk's forms while the window is idle after its first frame. */
export function loadFormsSoon() {
  setTimeout(() => Object.values(afterFirstAction).forEach((load) => load().catch(() => {})), 0);
}

let ticker = null;
/** The desk's first reads, asked for while the app starts (see `prefetch`). */
let early = null;

/** Starts the desk's first reads at once, so they overlap the app's own startup calls. */
export function prefetch() {
  early = Promise.all([api.listTutors(), api.deskQueue()]);
  early.catch(() => {}); // a failure shows when `refresh` uses it
}

export async function render(container) {
  const message = el('p', { id: 'desk-message', className: 'desk-message', role: 'status' });
  const panel = el('div', { id: 'desk-panel' });
  const queueHolder = el('section', { className: 'card', id: 'queue' });
  const shiftsHolder = el('section', { className: 'card', id: 'shifts' });
  const state = { tutors: [], queue: { open: [], loggedToday: 0, leftToday: 0 }, startingVisitId: null };

  function say(text, kind = 'ok') {
    message.textContent = text;
    message.className = `desk-message ${kind}`;
    message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  }

  function backToSearch() {
    panel.replaceChildren();
    search.input.focus();
  }

  async function refresh() {
    const prefetched = early;
    early = null;
    [state.tutors, state.queue] = await (prefetched ?? Promise.all([api.listTutors(), api.deskQueue()]));
    markOnce('desk-data');
    renderQueue(queueHolder, state.queue, state.tutors, queueActions, state);
    renderShifts(shiftsHolder, state.tutors, shiftActions);
    announceQueue();
  }

  // The board is redrawn after every action; a screen reader hears only when its counts change.
  const queueStatus = el('p', { className: 'visually-hidden', id: 'queue-status', role: 'status' });
  function announceQueue() {
    const waiting = state.queue.open.filter((v) => v.status === 'waiting').length;
    const inSession = state.queue.open.length - waiting;
    const text = `Queue: ${waiting} waiting, ${inSession} in a session.`;
    if (queueStatus.textContent !== text) queueStatus.textContent = text;
  }

  async function signedIn(result) {
    say(`${result.visit.studentName} signed in.`);
    const { signInCard } = await afterFirstAction.signInCard();
    const card = signInCard(result, state.tutors, {
      done: async () => { await refresh(); backToSearch(); },
    });
    panel.replaceChildren(card.element);
    await refresh();
    card.focus();
  }

  async function quickAdd(query) {
    search.reset();
    const { quickAddForm } = await afterFirstAction.quickAddForm();
    const form = quickAddForm(query, { signedIn, cancel: backToSearch });
    panel.replaceChildren(form.element);
    form.focus();
  }

  const search = writerSearch({
    signedIn,
    quickAdd,
    failed(error, query) {
      say(error.message, 'error');
      if (error.kind === 'not_found' && /^\d+$/.test(query)) quickAdd(query);
    },
  });

  // Runs a desk action, reports its outcome, refreshes the board and returns focus to search.
  async function act(action, success) {
    try {
      const result = await action();
      say(success(result));
    } catch (error) {
      say(error.message, 'error');
    }
    state.startingVisitId = null;
    await refresh();
  }

  const queueActions = {
    chooseTutor(visit) {
      state.startingVisitId = visit.id;
      renderQueue(queueHolder, state.queue, state.tutors, queueActions, state);
    },
    cancel() {
      state.startingVisitId = null;
      renderQueue(queueHolder, state.queue, state.tutors, queueActions, state);
      search.input.focus();
    },
    async start(visit, tutorId) {
      await act(() => api.startSession(visit.id, tutorId), (v) => `${v.studentName} is in a session with ${v.tutorName}.`);
      search.input.focus();
    },
    async missed(appointment) {
      let freed = null;
      await act(async () => { freed = await api.markAppointmentMissed(appointment.id); return freed; },
        ({ appointment: a }) => `${a.studentName}'s appointment was marked missed; the time is free for a walk-in.`);
      if (!freed?.waiting.length) { search.input.focus(); return; }
      const { freedTime } = await afterFirstAction.freedTime();
      const offer = freedTime(freed, {
        async signIn(entry) {
          try {
            await signedIn(await api.signIn(entry.studentId));
          } catch (error) {
            say(error.message, 'error');
          }
        },
        close: backToSearch,
      });
      panel.replaceChildren(offer.element);
      offer.focus();
    },
    async left(visit) {
      await act(() => api.markLeft(visit.id), (v) => `${v.studentName} was marked as left unseen.`);
      search.input.focus();
    },
    async log(visit) {
      const { openLogDialog } = await afterFirstAction.sessionForm();
      openLogDialog(visit, state.tutors, {
        logged: async (sessionId) => {
          say(`Session with ${visit.studentName} logged.`);
          await refresh();
          const [{ visitSlipPanel }, { openFeedbackScreen }, asked] =
            await Promise.all([afterFirstAction.visitSlip(), afterFirstAction.feedbackScreen(), api.feedbackAsked()]);
          const feedback = asked ? () => openFeedbackScreen({ back: (text) => { say(text); backToSearch(); } }) : null;
          const slip = visitSlipPanel(sessionId, visit.studentName, { say, close: backToSearch, feedback });
          panel.replaceChildren(slip.element);
          search.input.focus();
        },
      });
    },
  };

  const shiftActions = {
    async clockIn(tutor) {
      await act(() => api.clockIn(tutor.id), (shift) => `${shift.tutorName} clocked in.`);
      shiftsHolder.querySelector(`[data-tutor-id="${tutor.id}"] button`)?.focus();
    },
    async clockOut(tutor) {
      await act(() => api.clockOut(tutor.id), (shift) => `${shift.tutorName} clocked out after ${shift.minutes} min.`);
      shiftsHolder.querySelector(`[data-tutor-id="${tutor.id}"] button`)?.focus();
    },
    async logHours() {
      const { tutorHoursForm } = await afterFirstAction.tutorHours();
      const form = tutorHoursForm(state.tutors, {
        saved: (entry) => { say(`${entry.tutorName}'s hours were saved; they count once the director approves them.`); backToSearch(); },
        cancel: backToSearch,
      });
      panel.replaceChildren(form.element);
      form.focus();
    },
  };

  const setup = el('div', { id: 'setup-holder' });
  container.append(
    el('h1', {}, 'Front desk'),
    message,
    el('div', { className: 'desk' },
      el('div', { className: 'desk-main' }, setup, el('section', { className: 'card' }, el('h2', {}, 'Sign a writer in'), search.element), panel),
      el('div', { className: 'desk-side' }, queueStatus, queueHolder, shiftsHolder)),
  );
  await refresh();
  search.input.focus();
  markOnce('desk-rendered');
  pointToSetupIfEmpty(setup);
  ticker = setInterval(() => tickWaitTimes(queueHolder), 20000);
}

/** On a database with nothing set up, the desk says where the director starts (after the first
 *  frame: the desk itself never waits for it). */
async function pointToSetupIfEmpty(holder) {
  const checklist = await api.firstRunChecklist().catch(() => null);
  if (!checklist?.fresh) return;
  holder.replaceChildren(el('section', { className: 'card setup-card', id: 'setup-card' },
    el('h2', {}, 'Scriptorium is not set up yet'),
    el('p', {}, 'Before tutors can sign writers in, the director sets a PIN, the school, the student roster and the tutors.'),
    el('a', { href: '#/start', id: 'setup-link' }, 'Getting started (director)')));
}

export function leave() {
  clearInterval(ticker);
  document.getElementById('log-dialog')?.remove();
}
