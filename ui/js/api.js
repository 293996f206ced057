// The only module that talks to the Rust side. Every command resolves with its value or rejects
// with an AppError carrying the {kind, message} the Rust error enum sends.

const { invoke } = window.__TAURI__.core;

export class AppError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

async function call(command, args = {}) {
  try {
    return await invoke(command, args);
  } catch (raw) {
    if (raw && typeof raw === 'object' && 'kind' in raw) throw new AppError(raw.kind, raw.message);
    throw new AppError('internal', String(raw));
  }
}

export const api = {
  appStatus: () => call('app_status'),
  addStudent: (student) => call('add_student', { student }),
  listStudents: ({ includeInactive = false, limit = 200, offset = 0 } = {}) =>
    call('list_students', { includeInactive, limit, offset }),
};
