// What a teacher receives on paper, built from the report the Rust side made at the writer's
// consent level: a half-page visit slip (or a proof of visit: date, time and tutor only), and
// a week's digest of the visits whose writers agreed to share.

import { el } from '../dom.js';

function visitFacts(report) {
  const facts = [
    ['Writer', report.writer],
    ['Date', report.date],
    ['Time', `${report.timeIn}\u2013${report.timeOut}`],
  ];
  if (report.minutes) facts.push(['Length', `${report.minutes} minutes`]);
  facts.push(['Tutor', report.tutor]);
  if (report.summary) {
    const s = report.summary;
    facts.push(['Worked on', [s.assignmentType, report.course, s.writingStage].filter(Boolean).join(' \u00b7 ')]);
    facts.push(['Concerns', s.concerns.join(', ')]);
  }
  if (report.nextSteps) facts.push(['Next steps', report.nextSteps]);
  return el('dl', {}, facts.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

/** A visit slip, or with `proof` a proof of visit. */
export function visitSlip(report, proof) {
  return el('section', { className: 'slip', id: 'visit-slip' },
    el('h2', {}, proof ? `${report.center}: proof of visit` : `${report.center} visit slip`),
    visitFacts(report),
    el('p', { className: 'hint' }, proof
      ? 'The writer chose to share only that they came.'
      : 'Shared with the writer\u2019s permission. Tutors\u2019 notes stay with the Writing Center.'),
    el('p', { className: 'signature' }, 'Writing Center: ____________________'));
}

export function digestSheet(digest) {
  return el('section', { className: 'digest', id: 'digest-sheet' },
    el('h2', {}, `${digest.center} visits for ${digest.teacherName}`),
    el('p', {}, `Week of ${digest.weekStart} to ${digest.weekEnd}. Only visits the writers agreed to share are listed.`),
    digest.visits.length
      ? digest.visits.map((visit) => el('div', { className: 'digest-visit' }, visitFacts(visit)))
      : el('p', {}, 'None of your students shared a visit this week.'));
}
