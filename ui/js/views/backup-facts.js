// What a backup holds, in a few facts a person can check before restoring it.

import { el } from '../dom.js';

export function backupFacts(summary) {
  return el('dl', { className: 'facts backup-facts' },
    el('dt', {}, 'File'), el('dd', {}, summary.path),
    el('dt', {}, 'Students'), el('dd', {}, String(summary.students)),
    el('dt', {}, 'Sessions'), el('dd', {}, String(summary.sessions)),
    el('dt', {}, 'Latest session'), el('dd', {}, summary.lastSession ? summary.lastSession.replace('T', ' ').slice(0, 16) : 'none'));
}
