// Front desk: signing writers in and running the queue.

import { el } from '../dom.js';

export function render(container) {
  container.append(el('h1', {}, 'Front desk'), el('p', { className: 'empty' }, 'The sign-in desk will appear here.'));
}
