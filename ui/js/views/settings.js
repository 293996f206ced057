// Settings: where the data lives, so the director knows what to back up.

import { api } from '../api.js';
import { el } from '../dom.js';

export async function render(container) {
  const status = await api.appStatus();
  container.append(
    el('h1', {}, 'Settings'),
    el('p', { className: 'lede' }, 'Everything Scriptorium knows is kept in one file on this computer.'),
    el('section', { className: 'card' },
      el('h2', {}, 'Data'),
      el('dl', { className: 'facts' },
        el('dt', {}, 'Data folder'), el('dd', { id: 'data-dir' }, status.dataDir),
        el('dt', {}, 'Database file'), el('dd', {}, status.databaseFile),
        el('dt', {}, 'Schema version'), el('dd', {}, String(status.schemaVersion)))),
  );
}
