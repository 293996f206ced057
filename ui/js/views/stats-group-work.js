// Statistics → group events (kept apart from sessions: never added into their counts) and
// writers' feedback (counts under the small-count threshold read "fewer than k").

import { el, emptyState } from '../dom.js';

function groupTable(id, heading, groups) {
  return el('table', { className: 'numbers', id },
    el('thead', {}, el('tr', {}, el('th', {}, heading), el('th', { className: 'num' }, 'Events'), el('th', { className: 'num' }, 'People reached'))),
    el('tbody', {}, groups.map((g) => el('tr', {}, el('td', {}, g.label),
      el('td', { className: 'num' }, String(g.events)), el('td', { className: 'num' }, String(g.people))))));
}

export function eventsCard(events, yearStart) {
  const weeks = events.weeks.filter((w) => w.events > 0);
  return el('section', { className: 'card', id: 'event-stats' },
    el('h2', {}, 'Class visits, workshops and presentations'),
    el('p', { className: 'hint' }, 'Counted apart from one-to-one sessions.'),
    weeks.length
      ? el('table', { className: 'numbers', id: 'event-weeks-table' },
        el('caption', {}, 'The last 12 weeks'),
        el('thead', {}, el('tr', {}, el('th', {}, 'Week of'), el('th', { className: 'num' }, 'Events'), el('th', { className: 'num' }, 'People reached'))),
        el('tbody', {}, weeks.map((w) => el('tr', {}, el('td', {}, w.weekStart),
          el('td', { className: 'num' }, String(w.events)), el('td', { className: 'num' }, String(w.people))))))
      : emptyState('No group events in the last 12 weeks. The director records them in Records.'),
    events.byKind.length ? el('h3', {}, `Since ${yearStart}, by kind`) : null,
    events.byKind.length ? groupTable('event-kinds-table', 'Kind', events.byKind) : null,
    events.byTeacher.length ? el('h3', {}, `Since ${yearStart}, by teacher who invited the center`) : null,
    events.byTeacher.length ? groupTable('event-teachers-table', 'Teacher', events.byTeacher) : null);
}

export function feedbackCard(tallies, yearStart, threshold) {
  const hidden = `fewer than ${threshold}`;
  return el('section', { className: 'card', id: 'feedback-stats' },
    el('h2', {}, `Writers\u2019 feedback since ${yearStart}`),
    el('p', { className: 'hint' }, `Anonymous answers given at the desk after a session, only ever counted. Counts under ${threshold} are not shown, nor any count that would give one away.`),
    tallies.every((t) => t.responses === null)
      ? emptyState(`Fewer than ${threshold} answers so far.`)
      : tallies.map((tally) => (tally.responses === null
        ? el('p', { className: 'hint feedback-table', dataset: { question: tally.key } }, `${tally.text} Fewer than ${threshold} answers so far.`)
        : el('table', { className: 'numbers feedback-table', dataset: { question: tally.key } },
          el('caption', {}, `${tally.text} (${tally.responses} answers)`),
          el('thead', {}, el('tr', {}, el('th', {}, 'Answer'), el('th', { className: 'num' }, 'Writers'))),
          el('tbody', {}, tally.answers.map(([answer, count]) => el('tr', {}, el('td', {}, answer),
            el('td', { className: 'num' }, count === null ? hidden : String(count)))))))));
}
