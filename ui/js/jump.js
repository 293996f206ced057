// Going to a part of an area (Getting started → Settings → School): the part is scrolled to and
// keyboard focus lands on its first field once the area has rendered.

let pending = null;

/** Opens `area` and, once it is shown, the element with id `part`. */
export function jumpTo(area, part) {
  pending = part;
  if (location.hash === `#/${area}`) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = `#/${area}`;
}

/** Called by the shell after a view renders: focuses the part asked for, if any. */
export function finishJump() {
  const part = pending && document.getElementById(pending);
  pending = null;
  if (!part) return;
  part.scrollIntoView({ block: 'start' });
  const first = part.querySelector('input:not([type=hidden]), select, textarea, button');
  (first || part).focus();
}
