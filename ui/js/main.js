// The app shell: navigation between areas and the view each one shows.

import { api } from './api.js';
import { el } from './dom.js';
import { installErrorBanner, hideError } from './errors.js';
import { finishJump } from './jump.js';
import * as frontDesk from './views/frontdesk.js';
import { markOnce } from './startup-marks.js';
import { loadVocabulary } from './vocabulary.js';

// The desk is what the window opens on, so only its modules load with the page; the director's
// views load the first time they are opened.
const areas = [
  { id: 'desk', label: 'Front desk', view: async () => frontDesk },
  { id: 'appointments', label: 'Appointments', view: () => import('./views/appointments.js') },
  { id: 'stats', label: 'Stats', view: () => import('./views/stats.js'), director: true },
  { id: 'records', label: 'Records', view: () => import('./views/records.js'), director: true },
  { id: 'partners', label: 'Partners', view: () => import('./views/partners.js'), director: true },
  { id: 'reports', label: 'Reports', view: () => import('./views/reports.js'), director: true },
  { id: 'settings', label: 'Settings', view: () => import('./views/settings.js'), director: true },
  { id: 'start', label: 'Getting started', view: () => import('./views/start.js'), director: true },
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

/** Tells the director, once unlocked, how many wrong PINs were tried while the area was locked. */
function announceFailedTries(count) {
  const notice = el('p', { className: 'warning', id: 'failed-tries', role: 'alert' },
    `${count} wrong ${count === 1 ? 'try' : 'tries'} at the director PIN since the area was last unlocked.`);
  document.querySelector('#view > h1')?.after(notice);
}

let activeView = null;
let activeArea = null;

/** Shows the current area. `early` is the director status asked for while the app started. */
async function show(early = null) {
  const area = currentArea();
  document.querySelectorAll('#nav a').forEach((link) => {
    if (link.id === `nav-${area.id}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  activeView?.leave?.();
  // Back at the front desk from a director view: the director area locks behind them.
  if (activeArea?.director && !area.director) await api.lockDirector();
  activeArea = area;
  const view = await area.view();
  activeView = view;
  hideError();
  const container = document.getElementById('view');
  container.replaceChildren();
  container.dataset.area = area.id;
  const director = (await early) ?? await api.directorStatus();
  markOnce('director-status');
  idle.minutes = director.autoLockMinutes;
  showLockButton(director.unlocked);
  if (area.director && !director.unlocked) {
    container.dataset.area = 'lock';
    const { renderLock } = await import('./views/lock.js');
    renderLock(container, director, {
      unlocked: async ({ failedTries }) => {
        // The first time, on a database with nothing set up yet, the director area opens on
        // Getting started.
        if (!director.pinSet && area.id !== 'start' && (await api.firstRunChecklist()).fresh) {
          location.hash = '#/start';
          return;
        }
        await show();
        if (failedTries) announceFailedTries(failedTries);
      },
    });
    return;
  }
  try {
    await view.render(container);
    finishJump();
    // A new area takes the keyboard focus into its content (the next Tab reaches its first
    // control, a screen reader reads from its heading), unless the view placed it itself.
    if (!container.contains(document.activeElement)) container.focus({ preventScroll: true });
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
  markOnce('modules-loaded');
  installErrorBanner();
  // Everything the first view needs is asked for at once (one wait instead of three); if the
  // database turns out to be unavailable, these early answers are dropped.
  const director = api.directorStatus().catch(() => null);
  if (currentArea().id === 'desk') frontDesk.prefetch();
  const [status] = await Promise.all([api.appStatus(), loadVocabulary()]);
  markOnce('database-open');
  if (status.startupProblem) {
    const { renderRecovery } = await import('./views/recovery.js');
    await renderRecovery(status.startupProblem, status);
    return;
  }
  renderNav();
  watchIdle();
  window.addEventListener('hashchange', () => show());
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
  try {
    await show(director);
  } finally {
    // Two frames later the first view has been painted (`make measure` times the launch by
    // this), or has failed: a damaged file can fail the first reads before the check has run.
    requestAnimationFrame(() => {
      markOnce('first-frame-begins');
      requestAnimationFrame(() => {
        markOnce('first-view');
        frontDesk.loadFormsSoon();
        watchStartupCheck();
      });
    });
  }
}

// The database was readable before its startup check ended, and nothing is written until it
// has: if the check finds the file damaged, the page starts again, on the recovery screen.
async function watchStartupCheck() {
  if (await api.startupCheck()) location.reload();
}

start();
