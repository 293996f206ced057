// Statistics → per teacher, the referrals made this school year and how many a visit followed.

import { el, emptyState } from '../dom.js';

export function referralsCard(referrals, yearStart) {
  return el('section', { className: 'card', id: 'referral-stats' },
    el('h2', {}, `Teachers\u2019 referrals since ${yearStart}`),
    referrals.length
      ? el('table', { className: 'numbers', id: 'referral-stats-table' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Teacher'), el('th', { className: 'num' }, 'Referrals'), el('th', { className: 'num' }, 'Followed by a visit'))),
        el('tbody', {}, referrals.map((r) => el('tr', {}, el('td', {}, r.teacherName),
          el('td', { className: 'num' }, String(r.referrals)), el('td', { className: 'num' }, String(r.followed))))))
      : emptyState('No referrals this school year. The director enters them in Records \u2192 Teachers.'));
}
