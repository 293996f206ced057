// The app shell: navigation between areas and the view each one shows.

import { api } from './api.js';
import { el } from './dom.js';
import { installErrorBanner, hideError } from './errors.js';
import * as frontDesk from './views/frontdesk.js';
import * as records from './views/records.js';
import * as partners from './views/partners.js';
import * as reports from './views/reports.js';
import * as settings from './views/settings.js';
import * as stats from './views/stats.js';
import { renderLock } from './views/lock.js';
import { renderRecovery } from './views/recovery.js';
import { loadVocabulary } from './vocabulary.js';

const areas = [
  { id: 'desk', label: 'Front desk', view: frontDesk },
  { id: 'stats', label: 'Stats', view: stats, director: true },
  { id: 'records', label: 'Records', view: records, director: true },
  { id: 'partners', label: 'Partners', view: partners, director: true },
  { id: 'reports', label: 'Reports', view: reports, director: true },
  { id: 'settings', label: 'Settings', view: settings, director: true },
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
  document.getElementById('lock-director').addEventListener('click', async () => {
    await api.lockDirector();
    if (currentArea().id === 'desk') await show();
    else location.hash = '#/desk'; // hashchange shows the desk
  });
}

/** Shows the lock button only while the director area is open. */
function showLockButton(unlocked) {
  document.getElementById('lock-director').hidden = !unlocked;
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
  const director = await api.directorStatus();
  idle.minutes = director.autoLockMinutes;
  showLockButton(director.unlocked);
  if (area.director && !director.unlocked) {
    container.dataset.area = 'lock';
    renderLock(container, director, { unlocked: show });
    return;
  }
  try {
    await area.view.render(container);
  } catch (error) {
    if (error.kind !== 'locked') throw error;
    await show(); // locked meanwhile (idle): ask for the PIN
  }
}

// Auto-lock: after the configured minutes without a key or click, lock and leave the director area.
const idle = { minutes: 10, lastInput: Date.now() };
function watchIdle() {
  for (const type of ['keydown', 'pointerdown']) document.addEventListener(type, () => { idle.lastInput = Date.now(); }, true);
  setInterval(async () => {
    if (Date.now() - idle.lastInput < idle.minutes * 60000 || document.getElementById('lock-director').hidden) return;
    await api.lockDirector();
    if (currentArea().director) await show();
    else showLockButton(false);
  }, 15000);
}

async function start() {
  installErrorBanner();
  const [status] = await Promise.all([api.appStatus(), loadVocabulary()]);
  if (status.startupProblem) {
    await renderRecovery(status.startupProblem, status);
    return;
  }
  renderNav();
  watchIdle();
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
  // Two frames later the first view has been painted: `make measure` times the launch by this.
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('first-view')));
}

start();
