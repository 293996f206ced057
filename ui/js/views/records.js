// Records: logged sessions, the people on file (students, tutors, teachers), visits, group
// events and tutors' service beyond shifts.

import { el } from '../dom.js';
import { eventsSection } from './records/events.js';
import { tutorHoursSection } from './records/tutor-hours.js';
import { rosterSection } from './records/roster.js';
import { sessionsSection } from './records/sessions.js';
import { studentsSection } from './records/students.js';
import { tutorsSection } from './records/tutors.js';
import { teachersSection } from './records/teachers.js';
import { visitsSection } from './records/visits.js';

export async function render(container) {
  const [sessions, students, tutors, visits, teachers, events, tutorHours] = await Promise.all([
    sessionsSection(), studentsSection(), tutorsSection(), visitsSection(), teachersSection(), eventsSection(), tutorHoursSection()]);
  container.replaceChildren(
    el('h1', {}, 'Records'),
    el('p', { className: 'lede' }, 'Sessions, students, tutors, visits, teachers and group events on file.'),
    el('nav', { className: 'jump-links', 'aria-label': 'Parts of Records' },
      [['sessions', 'Sessions'], ['students', 'Students'], ['roster', 'Roster import'], ['tutors-list', 'Tutors'], ['tutor-hours', 'Service hours'], ['visits', 'Visits'], ['teachers', 'Teachers'], ['events', 'Class visits and workshops']]
        .map(([id, label]) => el('a', { href: `#/records`, onclick: (event) => { event.preventDefault(); document.getElementById(id)?.scrollIntoView(); } }, label))),
    ...sessions,
    ...students.sections,
    rosterSection('students', { imported: students.refresh }),
    ...tutors.sections,
    rosterSection('tutors', { imported: tutors.refresh }),
    tutorHours,
    visits,
    teachers.section,
    rosterSection('teachers', { imported: teachers.refresh }),
    events);
}
