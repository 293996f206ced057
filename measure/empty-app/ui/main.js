// Marks the first view as Scriptorium's main.js does: two animation frames after it is in the
// window, so `make measure` times both apps by the same mark.
requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('first-view')));
