// The app shell: navigation between areas and the view each one shows.

import { api } from './api.js';
import { el } from './dom.js';
import { installErrorBanner, hideError } from './errors.js';
import * as frontDesk from './views/frontdesk.js';
import * as records from './views/records.js';
import * as settings from './views/settings.js';
import { placeholder } from './views/placeholder.js';

const areas = [
  { id: 'desk', label: 'Front desk', view: frontDesk },
  { id: 'stats', label: 'Stats', view: placeholder('Stats', 'Weekly statistics and charts will appear here.') },
  { id: 'records', label: 'Records', view: records },
  { id: 'partners', label: 'Partners', view: placeholder('Partners', 'Mentor contacts and the partnership log will appear here.') },
  { id: 'reports', label: 'Reports', view: placeholder('Reports', 'CSV reports for partners will appear here.') },
  { id: 'settings', label: 'Settings', view: settings },
];

function currentArea() {
  const id = location.hash.replace(/^#\/?/, '');
  return areas.find((area) => area.id === id) || areas[0];
}

function renderNav() {
  const nav = document.getElementById('nav');
  nav.replaceChildren(
    ...areas.map((area, index) =>
      el('li', {}, el('a', { href: `#/${area.id}`, id: `nav-${area.id}` }, area.label, el('kbd', {}, `Alt+${index + 1}`))),
    ),
  );
}

let activeView = null;

async function show() {
  const area = currentArea();
  document.querySelectorAll('#nav a').forEach((link) => {
    if (link.id === `nav-${area.id}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  activeView?.leave?.();
  activeView = area.view;
  hideError();
  const container = document.getElementById('view');
  container.replaceChildren();
  container.dataset.area = area.id;
  await area.view.render(container);
}

function showStartupProblem(problem, status) {
  document.querySelector('.shell').replaceWith(
    el('div', { className: 'card fatal', id: 'startup-problem', role: 'alert' },
      el('h1', {}, 'Scriptorium could not open its database'),
      el('p', {}, problem.message),
      el('p', {}, 'The file was left exactly as it was. Database file:'),
      el('code', {}, status.databaseFile)),
  );
}

async function start() {
  installErrorBanner();
  const status = await api.appStatus();
  if (status.startupProblem) {
    showStartupProblem(status.startupProblem, status);
    return;
  }
  renderNav();
  window.addEventListener('hashchange', show);
  document.addEventListener('keydown', (event) => {
    const index = Number(event.key) - 1;
    if (event.altKey && !event.ctrlKey && index >= 0 && index < areas.length) {
      event.preventDefault();
      location.hash = `#/${areas[index].id}`;
    }
  });
  // Keyboard-first: Enter on a drop-down submits its form, as it does in a text field.
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.key === 'Enter' && !event.ctrlKey && target.tagName === 'SELECT' && target.form) {
      event.preventDefault();
      target.form.requestSubmit();
    }
  });
  await show();
}

start();
