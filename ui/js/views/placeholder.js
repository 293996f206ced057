// An area whose capability has not been built yet: says so plainly instead of showing nothing.

import { el } from '../dom.js';

export function placeholder(title, text) {
  return {
    render(container) {
      container.append(el('h1', {}, title), el('p', { className: 'empty' }, text));
    },
  };
}
