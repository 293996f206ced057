// The app's fixed vocabulary (tutor kinds, modes, visit statuses, partner and activity kinds,
// directions, audit actions, and the lists a session is logged with), asked of Rust once at
// startup: every label is written in one place, the Rust `vocabulary` module.

import { api } from './api.js';

let loaded = null;

export async function loadVocabulary() {
  loaded = await api.vocabulary();
}

/** The whole vocabulary, e.g. `vocabulary().concerns`. */
export function vocabulary() {
  if (!loaded) throw new Error('The vocabulary is loaded at startup, before any view renders.');
  return loaded;
}

/** The {value, label} terms of one list, e.g. `terms('tutorKinds')`. */
export function terms(list) {
  return vocabulary()[list];
}

/** The label of a stored value, e.g. `labelOf('modes', 'online')`. */
export function labelOf(list, value) {
  return terms(list).find((term) => term.value === value)?.label ?? value;
}

/** A <select>'s options for one list. */
export function termOptions(list, el, selected) {
  return terms(list).map(({ value, label }) => el('option', { value, selected: value === selected }, label));
}
