// Getting started: the steps a new director takes before the desk can work (PIN, school name
// and year, week and bells, roster, tutors, and a partner if there is one). Each ticks itself
// off from what is on file and links to where it is done.

import { api } from '../api.js';
import { el } from '../dom.js';
import { jumpTo } from '../jump.js';

const AREA_NAMES = { settings: 'Settings', records: 'Records', partners: 'Partners' };

export async function render(container) {
  const checklist = await api.firstRunChecklist();
  const required = checklist.steps.filter((step) => !step.optional);
  const done = required.filter((step) => step.done).length;
  container.replaceChildren(
    el('h1', {}, 'Getting started'),
    el('p', { className: 'lede', id: 'start-progress', role: 'status' }, checklist.complete
      ? 'Everything the desk needs is set up. Tutors can sign writers in.'
      : `${done} of ${required.length} steps done. Each step ticks itself off when it is done.`),
    el('ol', { className: 'checklist', id: 'checklist' }, checklist.steps.map((step) => el('li', {
      className: step.done ? 'done' : 'to-do', dataset: { step: step.key },
    },
    el('span', { className: 'check-mark', 'aria-hidden': 'true' }, step.done ? '\u2713' : ''),
    el('div', {},
      el('strong', {}, step.label),
      el('span', { className: 'step-state' }, step.done ? ' \u2014 done' : step.optional ? ' \u2014 optional' : ' \u2014 to do'),
      el('p', { className: 'hint' }, step.hint),
      el('a', {
        href: `#/${step.area}`, id: `start-${step.key}`,
        onclick: (event) => { event.preventDefault(); jumpTo(step.area, step.anchor); },
      }, step.done ? `Review in ${AREA_NAMES[step.area]}` : `Go to ${AREA_NAMES[step.area]}`))))));
  // Keyboard-first: the next step to take has focus.
  const next = checklist.steps.find((step) => !step.done);
  if (next) document.getElementById(`start-${next.key}`).focus();
}
