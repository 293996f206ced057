// The writer's turn: after a session the tutor hands the screen over, the writer taps an answer
// to each question (large targets), and the screen goes back to the desk on "Done", on Escape,
// or after a minute and a half untouched. Answers are only counted for the week: nothing says
// who gave them or after which session.

import { api } from '../../api.js';
import { el } from '../../dom.js';
import { vocabulary } from '../../vocabulary.js';

const IDLE_MS = 90_000;
const THANKS_MS = 2_500;

/** Shows the questions over the whole window; `back(text)` returns to the desk. */
export function openFeedbackScreen({ back }) {
  const chosen = {};
  let idle = null;
  const screen = el('div', { className: 'feedback-screen', id: 'feedback-screen', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'feedback-title' });
  const close = (text) => {
    clearTimeout(idle);
    screen.remove();
    back(text);
  };
  const touched = () => {
    clearTimeout(idle);
    idle = setTimeout(() => close('The feedback screen timed out; nothing was saved.'), IDLE_MS);
  };
  const questions = vocabulary().feedbackQuestions.map((question) => {
    const buttons = question.answers.map((answer) => el('button', { type: 'button', 'aria-pressed': 'false', dataset: { answer } }, answer));
    for (const button of buttons) {
      button.addEventListener('click', () => {
        chosen[question.key] = button.dataset.answer;
        for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
        touched();
      });
    }
    return el('fieldset', { dataset: { question: question.key } }, el('legend', {}, question.text), buttons);
  });
  const done = el('button', { type: 'button', id: 'feedback-done' }, 'Done');
  const skip = el('button', { type: 'button', className: 'secondary', id: 'feedback-skip' }, 'Skip');
  done.addEventListener('click', async () => {
    if (!Object.keys(chosen).length) { close('No answers were given.'); return; }
    try {
      await api.recordFeedback(chosen);
      screen.replaceChildren(el('h2', { id: 'feedback-title', role: 'status' }, 'Thank you!'));
      clearTimeout(idle);
      setTimeout(() => close('Thank you: the writer\u2019s answers were counted, with nothing that says who gave them.'), THANKS_MS);
    } catch (error) {
      close(error.message);
    }
  });
  skip.addEventListener('click', () => close('Feedback skipped.'));
  screen.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { event.preventDefault(); close('Feedback skipped.'); }
  });
  screen.append(
    el('h2', { id: 'feedback-title' }, 'Tell us how it went'),
    el('p', {}, 'Your answers are anonymous: they are only counted.'),
    ...questions,
    el('div', { className: 'form-actions' }, done, skip));
  document.body.append(screen);
  touched();
  screen.querySelector('button').focus();
}
