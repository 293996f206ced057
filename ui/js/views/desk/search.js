// Finding a writer: results after every keystroke, arrow keys to move, Enter to sign in.
// A card scanner types digits and Enter: that signs the matching writer in directly.

import { api } from '../../api.js';
import { el } from '../../dom.js';

const SCANNED_NUMBER = /^\d{3,20}$/;

/**
 * @param {object} handlers
 *   signedIn(result)       a writer was signed in (result has visit and continuity)
 *   quickAdd(query)        no writer fits: open quick-add with what was typed
 *   failed(error, query)   a sign-in was refused
 */
export function writerSearch({ signedIn, quickAdd, failed }) {
  const input = el('input', {
    id: 'writer-search', type: 'search', autocomplete: 'off', spellcheck: false,
    placeholder: 'Type a name or scan an ID card', 'aria-label': 'Find a writer',
    'aria-controls': 'writer-results', 'aria-autocomplete': 'list',
  });
  const results = el('ul', { id: 'writer-results', className: 'results', role: 'listbox', 'aria-label': 'Matching writers' });
  const hint = el('p', { id: 'writer-hint', className: 'hint' });
  let matches = [];
  let active = 0;
  let latest = 0;

  function renderResults() {
    const query = input.value.trim();
    if (!query) {
      results.replaceChildren();
      input.removeAttribute('aria-activedescendant');
      hint.textContent = '';
      return;
    }
    results.replaceChildren(...matches.map((student, index) => el('li', {
      role: 'option', id: `writer-option-${student.id}`, 'aria-selected': String(index === active),
      dataset: { studentId: student.id },
      onmousedown: (event) => { event.preventDefault(); choose(index); },
    },
    el('span', { className: 'result-name' }, displayName(student)),
    el('span', { className: 'hint' }, [student.grade ? `Grade ${student.grade}` : null, student.studentNumber].filter(Boolean).join(' · ')))));
    if (matches[active]) input.setAttribute('aria-activedescendant', `writer-option-${matches[active].id}`);
    else input.removeAttribute('aria-activedescendant');
    hint.textContent = matches.length
      ? '↑ ↓ to choose, Enter to sign in'
      : SCANNED_NUMBER.test(query) ? 'Enter to sign in this student number' : 'No writer found. Press Enter to add them.';
  }

  async function update() {
    const query = input.value;
    const ticket = ++latest;
    const found = query.trim() ? await api.searchWriters(query) : [];
    if (ticket !== latest) return; // a newer keystroke already answered
    matches = found;
    active = 0;
    renderResults();
  }

  async function run(signIn) {
    // Cleared either way, so the next scan or name starts from an empty box.
    const query = input.value.trim();
    try {
      const result = await signIn();
      reset();
      signedIn(result);
    } catch (error) {
      reset();
      failed(error, query);
    }
  }

  function choose(index) {
    const student = matches[index];
    if (student) run(() => api.signIn(student.id));
  }

  function reset() {
    input.value = '';
    matches = [];
    renderResults();
  }

  input.addEventListener('input', update);
  input.addEventListener('keydown', async (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!matches.length) return;
      active = (active + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      renderResults();
    } else if (event.key === 'Escape') {
      reset();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const query = input.value.trim();
      if (!query) return;
      if (SCANNED_NUMBER.test(query)) {
        // A scanner is faster than the search: look the number up directly.
        latest++;
        run(() => api.signInByNumber(query));
      } else if (matches.length) {
        choose(active);
      } else {
        quickAdd(query);
      }
    }
  });

  return { element: el('div', { className: 'writer-search' }, input, hint, results), input, reset };
}

export function displayName(student) {
  return `${student.preferredName || student.firstName} ${student.lastName}`;
}
