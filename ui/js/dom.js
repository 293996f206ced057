// Small DOM helpers. Text always goes in through textContent: names typed by people never
// become markup.

// Set as properties (live state); every other key is set as an attribute.
const PROPERTIES = new Set(['className', 'value', 'checked', 'selected', 'disabled', 'hidden']);

/** el('td', {className: 'num'}, 'text', childNode, ...) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2).toLowerCase(), value);
    else if (PROPERTIES.has(key)) node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A labelled input; `hint` is a short line under the label. A date field gets its calendar button. */
export function field(labelText, input, hint) {
  const control = 'date' in input.dataset ? withCalendar(input, labelText) : input;
  return el('label', {}, labelText, hint ? el('span', { className: 'hint' }, hint) : null, control);
}

/** A field for a date typed as YYYY-MM-DD; `field` puts a calendar beside it. */
export function dateInput(props = {}) {
  return el('input', { inputMode: 'numeric', autocomplete: 'off', ...props, dataset: { date: '' } });
}

function withCalendar(input, labelText) {
  const button = el('button', {
    type: 'button',
    className: 'secondary calendar-button',
    id: input.id ? `${input.id}-calendar` : null,
    'aria-label': `Choose ${labelText.toLowerCase()} on a calendar`,
  }, 'Calendar');
  button.addEventListener('click', async () => {
    const { openDatePicker } = await import('./date-picker.js');
    openDatePicker(input, labelText, button);
  });
  return el('span', { className: 'date-entry' }, input, button);
}

/** Shows a message inside a form (error or success) and returns it for tests to find. */
export function formMessage(form, text, kind = 'error') {
  form.querySelector('.form-message')?.remove();
  const message = el('p', { className: `form-message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
  const actions = form.querySelector('.form-actions');
  form.insertBefore(message, actions);
  return message;
}

export function clearFormMessage(form) {
  form.querySelector('.form-message')?.remove();
  form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
}

/**
 * A form of labelled fields (checkboxes labelled after the box) whose submit runs `save`, resets
 * the form and hands the result to `done`; a refusal is shown in the form.
 */
export function simpleForm(id, fields, buttonText, save, done) {
  const form = el('form', { className: 'fields', id, noValidate: true },
    fields.map(([text, input, hint]) => (input.type === 'checkbox' ? el('label', { className: 'check' }, input, text) : field(text, input, hint))),
    el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, buttonText)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormMessage(form);
    try {
      const saved = await save();
      form.reset();
      await done(saved);
    } catch (error) {
      formMessage(form, error.message);
    }
  });
  return form;
}

export function emptyState(text) {
  return el('p', { className: 'empty' }, text);
}

/** Trimmed value, or null when empty. */
export function valueOrNull(input) {
  const value = input.value.trim();
  return value === '' ? null : value;
}

export function numberOrNull(input) {
  const value = input.value.trim();
  return value === '' ? null : Number(value);
}
