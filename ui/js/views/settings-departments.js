// The school's departments: the list the session form picks from. Partner files show a
// department only from this list ("Other" for any teacher whose department is not on it).

import { api } from '../api.js';
import { el, simpleForm, formMessage } from '../dom.js';

export async function departmentsCard() {
  const list = el('ul', { id: 'departments-list', className: 'departments' });
  const name = el('input', { name: 'department', autocomplete: 'off', maxLength: 60 });
  const form = simpleForm('add-department', [['Department', name]], 'Add department', () => api.addDepartment(name.value), show);
  function show(names) {
    list.replaceChildren(...names.map((department) => {
      const remove = el('button', { type: 'button', className: 'ghost small', 'aria-label': `Remove ${department}` }, 'Remove');
      remove.addEventListener('click', async () => {
        try {
          show(await api.removeDepartment(department));
        } catch (error) {
          formMessage(form, error.message);
        }
      });
      return el('li', {}, el('span', {}, department), department === 'Other' ? null : remove);
    }));
  }
  show(await api.listDepartments());
  return el('section', { className: 'card', id: 'departments' },
    el('h2', {}, 'Departments'),
    el('p', { className: 'hint' }, 'Teachers are given one of these. A department removed stays on its teachers\u2019 records; partner files show it as \u201cOther\u201d.'),
    list, form);
}
