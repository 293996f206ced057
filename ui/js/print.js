// Printing a sheet that is not on screen (a visit slip, a teacher's digest): the sheet is put in
// the page's print area and only it prints. It stays there afterwards, hidden on screen.

import { el } from './dom.js';

export function printSheet(sheet) {
  let area = document.getElementById('print-area');
  if (!area) {
    area = el('div', { id: 'print-area' });
    document.body.append(area);
  }
  area.replaceChildren(sheet);
  document.body.dataset.printing = 'sheet';
  window.print();
  delete document.body.dataset.printing;
}
