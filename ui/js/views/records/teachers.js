// Records → Teachers: the teachers on file with their school email and courses, and this term's
// referrals and visits; for one teacher, the assignment briefs and referrals the director enters
// from their emails, and the week's digest of visits whose writers agreed to share.

import { api } from '../../api.js';
import { dateInput, el, emptyState, field, formMessage, simpleForm } from '../../dom.js';
import { printSheet } from '../../print.js';
import { today } from '../../time.js';
import { digestSheet } from '../teacher-sheets.js';

function teacherFields(departments, teacher = {}) {
  const inputs = {
    name: el('input', { name: 'name', autocomplete: 'off', maxLength: 80, value: teacher.name ?? '' }),
    department: el('select', { name: 'department' }, el('option', { value: '' }, 'None'),
      departments.map((d) => el('option', { value: d, selected: d === teacher.department }, d))),
    email: el('input', { name: 'email', type: 'email', autocomplete: 'off', maxLength: 200, value: teacher.email ?? '' }),
    courses: el('input', { name: 'courses', autocomplete: 'off', maxLength: 200, value: teacher.courses ?? '', placeholder: 'e.g. English 9, Period 3' }),
    active: el('input', { type: 'checkbox', name: 'active', checked: teacher.active ?? true }),
  };
  const values = () => ({ name: inputs.name.value, department: inputs.department.value, email: inputs.email.value, courses: inputs.courses.value, active: inputs.active.checked });
  const fields = [['Name', inputs.name], ['Department', inputs.department], ['School email', inputs.email, 'optional'], ['Courses or periods', inputs.courses, 'optional']];
  // A new teacher is active; an inactive one stays on file, out of the session form's list.
  if (teacher.id) fields.push(['Active (offered in the session form)', inputs.active]);
  return { fields, values };
}

/** A writer picked by name, as at the desk. */
function writerPicker() {
  const query = el('input', { name: 'writer', type: 'search', autocomplete: 'off', placeholder: 'name or student number' });
  const choice = el('select', { name: 'studentId', 'aria-label': 'Writer' }, el('option', { value: '' }, 'Type a name first'));
  query.addEventListener('input', async () => {
    const found = query.value.trim() ? await api.searchWriters(query.value.trim()) : [];
    choice.replaceChildren(...(found.length
      ? found.map((w) => el('option', { value: w.id }, `${w.lastName}, ${w.preferredName || w.firstName}`))
      : [el('option', { value: '' }, 'No writer matches')]));
  });
  return { query, choice };
}

async function teacherDetail(teacher, departments, refreshList) {
  const [briefs, referrals] = await Promise.all([api.teacherBriefs(teacher.id), api.teacherReferrals(teacher.id)]);
  const edit = teacherFields(departments, teacher);
  const editForm = simpleForm('edit-teacher', edit.fields, 'Save teacher', () => api.updateTeacher(teacher.id, edit.values()), refreshList);

  const brief = {
    course: el('input', { name: 'course', autocomplete: 'off', maxLength: 80 }),
    title: el('input', { name: 'title', autocomplete: 'off', maxLength: 120 }),
    dueDate: dateInput({ name: 'dueDate', placeholder: 'YYYY-MM-DD' }),
    from: dateInput({ name: 'from', placeholder: 'YYYY-MM-DD' }),
    until: dateInput({ name: 'until', placeholder: 'YYYY-MM-DD' }),
    earnsCredit: el('input', { type: 'checkbox', name: 'earnsCredit' }),
    focus: el('textarea', { name: 'focus', rows: 2, maxLength: 1000 }),
  };
  const briefForm = simpleForm('add-brief', [
    ['Course or period', brief.course, 'optional'], ['Assignment title', brief.title], ['Due date', brief.dueDate],
    ['Counts from', brief.from, 'empty: today'], ['Counts until', brief.until, 'empty: the due date'],
    ['What to focus on', brief.focus, 'optional'], ['A visit earns credit', brief.earnsCredit],
  ], 'Add brief', () => api.addBrief({
    teacherId: teacher.id, course: brief.course.value, title: brief.title.value, dueDate: brief.dueDate.value,
    from: brief.from.value, until: brief.until.value, focus: brief.focus.value, earnsCredit: brief.earnsCredit.checked,
  }), refreshList);

  const writer = writerPicker();
  const referralBrief = el('select', { name: 'briefId' }, el('option', { value: '' }, 'None'), briefs.map((b) => el('option', { value: b.id }, b.title)));
  const referralNote = el('input', { name: 'note', autocomplete: 'off', maxLength: 200 });
  const referralDate = dateInput({ name: 'date', placeholder: 'empty: today' });
  const referralForm = simpleForm('add-referral', [
    ['Find the writer', writer.query], ['Writer', writer.choice], ['For the brief', referralBrief], ['Referred on', referralDate, 'YYYY-MM-DD'], ['Note', referralNote, 'optional'],
  ], 'Add referral', () => {
    if (!writer.choice.value) throw new Error('Find the writer first: type a name or a student number.');
    return api.addReferral({ teacherId: teacher.id, studentId: Number(writer.choice.value), briefId: referralBrief.value ? Number(referralBrief.value) : null, date: referralDate.value, note: referralNote.value });
  }, refreshList);

  const week = el('input', { name: 'week', autocomplete: 'off', value: today(), 'aria-label': 'A day in the week' });
  const digestForm = el('form', { className: 'fields', id: 'teacher-digest', noValidate: true },
    field('Week of', week, 'any day in the week'),
    el('div', { className: 'form-actions' },
      el('button', { type: 'submit', id: 'print-digest' }, 'Print digest'),
      el('button', { type: 'button', className: 'secondary', id: 'send-digest', onclick: () => sendDigest() }, 'Send digest')));
  async function sendDigest() {
    try {
      const mail = await api.sendTeacherDigest(teacher.id, week.value);
      formMessage(digestForm, mail.uri ? `A message to ${mail.to} opened in the mail program.`
        : `Too long for a mail link: print the digest, or copy it into a mail to ${mail.to}.`, mail.uri ? 'ok' : 'warn');
    } catch (error) {
      formMessage(digestForm, error.message);
    }
  }
  digestForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const digest = await api.teacherDigest(teacher.id, week.value);
      formMessage(digestForm, `${digest.visits.length} shared visit${digest.visits.length === 1 ? '' : 's'} in the week of ${digest.weekStart}.`, 'ok');
      printSheet(digestSheet(digest));
    } catch (error) {
      formMessage(digestForm, error.message);
    }
  });

  return el('section', { className: 'card', id: 'teacher-detail' }, el('h2', {}, teacher.name), editForm,
    el('h3', {}, 'Assignment briefs'),
    briefs.length
      ? el('ul', { className: 'plain-list', id: 'teacher-briefs' }, briefs.map((b) => el('li', {},
        `${b.title}${b.course ? ` (${b.course})` : ''}: due ${b.dueDate}, counts ${b.from} to ${b.until}${b.earnsCredit ? ', earns credit' : ''}`)))
      : emptyState('No briefs yet.'),
    briefForm,
    el('h3', {}, 'Referrals'),
    referrals.length
      ? el('ul', { className: 'plain-list', id: 'teacher-referrals' }, referrals.map((r) => el('li', {},
        `${r.studentName}, ${r.date}${r.briefTitle ? ` for \u201c${r.briefTitle}\u201d` : ''}${r.note ? ` \u00b7 ${r.note}` : ''}`)))
      : emptyState('No referrals yet.'),
    referralForm,
    el('h3', {}, 'Weekly digest'),
    el('p', { className: 'hint' }, 'Lists only the visits whose writers agreed to share, at the level each chose.'),
    digestForm);
}

export async function teachersSection() {
  const section = el('section', { className: 'card', id: 'teachers' });
  const detail = el('div', { id: 'teacher-detail-holder' });
  const departments = await api.listDepartments();
  let openId = null;

  async function open(teacher) {
    openId = teacher.id;
    detail.replaceChildren(await teacherDetail(teacher, departments, show));
  }

  async function show() {
    const teachers = await api.teacherDirectory();
    const add = teacherFields(departments);
    const addForm = simpleForm('add-teacher', add.fields, 'Add teacher', () => api.addTeacher(add.values()), show);
    section.replaceChildren(el('h2', {}, 'Teachers'),
      el('p', { className: 'hint' }, 'Referrals and visits are this term\u2019s (or this school year\u2019s when no term is set).'),
      teachers.length
        ? el('table', { id: 'teachers-table' },
          el('thead', {}, el('tr', {}, ['Teacher', 'Department', 'School email', 'Courses', 'Referrals', 'Visits', ''].map((h) => el('th', {}, h)))),
          el('tbody', {}, teachers.map((t) => el('tr', { className: t.active ? '' : 'inactive' },
            el('td', {}, t.name), el('td', {}, t.department), el('td', {}, t.email), el('td', {}, t.courses),
            el('td', { className: 'num' }, String(t.referrals)), el('td', { className: 'num' }, String(t.visits)),
            el('td', {}, el('button', { type: 'button', className: 'secondary small open-teacher', 'aria-label': `Open ${t.name}`, onclick: () => open(t) }, 'Open'))))))
        : emptyState('No teachers yet: add one, or they are added when a session names them.'),
      el('h3', {}, 'Add a teacher'), addForm, detail);
    const still = teachers.find((t) => t.id === openId);
    if (still) detail.replaceChildren(await teacherDetail(still, departments, show));
  }

  await show();
  return { section, refresh: show };
}
