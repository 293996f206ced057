// Marks on the way to the first view, which `make measure` prints as a breakdown of the launch.
// Only the first of each is kept: the page lives all day, and every mark stays in its timeline.

const marked = new Set();

export function markOnce(name) {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(name);
}
