// Records: the people on file: students (writers) and tutors.

import { el } from '../dom.js';
import { studentsSection } from './records/students.js';
import { tutorsSection } from './records/tutors.js';

export async function render(container) {
  const [students, tutors] = await Promise.all([studentsSection(), tutorsSection()]);
  container.append(el('h1', {}, 'Records'), el('p', { className: 'lede' }, 'Students and tutors on file.'), ...students, ...tutors);
}
