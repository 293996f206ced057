// Records: logged sessions and the people on file (students and tutors).

import { el } from '../dom.js';
import { rosterSection } from './records/roster.js';
import { sessionsSection } from './records/sessions.js';
import { studentsSection } from './records/students.js';
import { tutorsSection } from './records/tutors.js';

export async function render(container) {
  const [sessions, students, tutors] = await Promise.all([sessionsSection(), studentsSection(), tutorsSection()]);
  container.replaceChildren(
    el('h1', {}, 'Records'),
    el('p', { className: 'lede' }, 'Sessions, students and tutors on file.'),
    ...sessions,
    ...students.sections,
    rosterSection('students', { imported: students.refresh }),
    ...tutors.sections,
    rosterSection('tutors', { imported: tutors.refresh }));
}
