// Long lists a page at a time: the first page shows at once, "Show more" appends the next.

import { el } from './dom.js';

const PAGE = 200;

/**
 * Appends rows to `tbody` a page at a time. `fetchPage(limit, offset)` asks for one row more
 * than a page, so the button shows only when there is more to see. `next()` resolves to the
 * number of rows it added; place `more` after the table.
 */
function pager(tbody, fetchPage, toRow) {
  let shown = 0;
  const button = el('button', { type: 'button', className: 'secondary show-more', hidden: true }, `Show ${PAGE} more`);
  const count = el('span', { className: 'hint', role: 'status' });
  const more = el('div', { className: 'more' }, button, count);

  async function next() {
    const rows = await fetchPage(PAGE + 1, shown);
    const page = rows.slice(0, PAGE);
    tbody.append(...page.map(toRow));
    shown += page.length;
    button.hidden = rows.length <= PAGE;
    if (!button.hidden) count.textContent = `${shown} shown`;
    else count.textContent = shown > PAGE ? `All ${shown} shown.` : '';
    return page.length;
  }

  button.addEventListener('click', async () => {
    // One page at a time: a second click while one loads would ask for the same rows again.
    button.disabled = true;
    try {
      await next();
    } finally {
      button.disabled = false;
    }
    // With everything shown the button hides; the keyboard goes on from the last row instead.
    if (button.hidden) tbody.lastElementChild?.querySelector('button')?.focus();
  });
  return { more, next };
}

/** The newest list asked for in each holder, so a slow earlier answer can't replace it. */
const latestRequest = new WeakMap();

/**
 * Shows `table` (with its head) in `holder`, its rows a page at a time, or `empty` when there are
 * none. If the first page fails the promise rejects and `holder` keeps what it showed.
 */
export async function showPaged(holder, table, fetchPage, toRow, empty) {
  const request = {};
  latestRequest.set(holder, request);
  const tbody = el('tbody');
  const pages = pager(tbody, fetchPage, toRow);
  const shown = await pages.next();
  // The director kept typing and a newer list was asked for meanwhile: that one is shown.
  if (latestRequest.get(holder) !== request) return;
  if (!shown) {
    holder.replaceChildren(empty);
    return;
  }
  table.append(tbody);
  // A long name scrolls the table inside its card rather than pushing its buttons off the page.
  holder.replaceChildren(el('div', { className: 'table-scroll' }, table), pages.more);
}
