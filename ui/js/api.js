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
  startupCheck: () => call('startup_check'),
  firstRunChecklist: () => call('first_run_checklist'),
  listBackups: () => call('list_backups'),
  newestGoodBackup: () => call('newest_good_backup'),
  inspectBackup: (path) => call('inspect_backup', { path }),
  restoreBackup: (path, secret = null) => call('restore_backup', { path, secret }),
  backupNow: (path) => call('backup_now', { path }),
  /** The native open dialog for a backup file; resolves to a path, or null if cancelled. */
  chooseOpenPath: () => window.__TAURI__.dialog.open({ multiple: false, directory: false, filters: [{ name: 'Scriptorium backup', extensions: ['db'] }] }),

  directorStatus: () => call('director_status'),
  setDirectorPin: (pin) => call('set_director_pin', { pin }),
  changeDirectorPin: (current, newPin) => call('change_director_pin', { current, newPin }),
  resetDirectorPin: (recoveryCode, newPin) => call('reset_director_pin', { recoveryCode, newPin }),
  unlockDirector: (pin) => call('unlock_director', { pin }),
  lockDirector: () => call('lock_director'),
  setAutoLockMinutes: (minutes) => call('set_auto_lock_minutes', { minutes }),

  weeklyDashboard: (date) => call('weekly_dashboard', { date }),
  statsSettings: () => call('stats_settings'),
  saveStatsSettings: (settings) => call('save_stats_settings', { settings }),

  listSessions: (filter, { limit = 200, offset = 0 } = {}) => call('list_sessions', { filter, limit, offset }),
  sessionForEdit: (id) => call('session_for_edit', { id }),
  addPastSession: (log) => call('add_past_session', { log }),
  correctSession: (id, edit) => call('correct_session', { id, edit }),
  deleteSession: (id, reason) => call('delete_session', { id, reason }),
  recordHistory: (entity, id) => call('record_history', { entity, id }),

  /** The native open dialog for a roster export; resolves to a path, or null if cancelled. */
  chooseRosterPath: () => window.__TAURI__.dialog.open({
    multiple: false,
    directory: false,
    // Both cases: the Linux dialog matches extensions case-sensitively.
    filters: [{ name: 'Roster (CSV, text, Excel, OpenDocument)', extensions: ['csv', 'txt', 'tsv', 'xlsx', 'xls', 'ods', 'CSV', 'TXT', 'TSV', 'XLSX', 'XLS', 'ODS'] }],
  }),
  rosterSheets: (path) => call('roster_sheets', { path }),
  previewRoster: (path, sheet, deactivateMissing) => call('preview_roster', { path, sheet, deactivateMissing }),
  importRoster: (path, sheet, deactivateMissing) => call('import_roster', { path, sheet, deactivateMissing }),
  previewTutorRoster: (path, sheet) => call('preview_tutor_roster', { path, sheet }),
  importTutorRoster: (path, sheet) => call('import_tutor_roster', { path, sheet }),
  previewTeacherRoster: (path, sheet) => call('preview_teacher_roster', { path, sheet }),
  importTeacherRoster: (path, sheet) => call('import_teacher_roster', { path, sheet }),
  addStudent: (student) => call('add_student', { student }),
  listStudents: ({ name = '', includeInactive = false, limit = 200, offset = 0 } = {}) =>
    call('list_students', { name, includeInactive, limit, offset }),
  setStudentActive: (id, active) => call('set_student_active', { id, active }),
  listVisits: (from, to, { limit = 200, offset = 0 } = {}) => call('list_visits', { from, to, limit, offset }),

  searchWriters: (query) => call('search_writers', { query }),
  signIn: (studentId) => call('sign_in', { studentId }),
  signInByNumber: (number) => call('sign_in_by_number', { number }),
  quickAddAndSignIn: (student) => call('quick_add_and_sign_in', { student }),
  setVisitRequest: (visitId, request) => call('set_visit_request', { visitId, request }),
  deskQueue: () => call('desk_queue'),
  startSession: (visitId, tutorId) => call('start_session', { visitId, tutorId }),
  markLeft: (visitId) => call('mark_left', { visitId }),
  logSession: (log) => call('log_session', { log }),

  listInstitutions: () => call('list_institutions'),
  addInstitution: (institution) => call('add_institution', { institution }),
  listContacts: (institutionId) => call('list_contacts', { institutionId }),
  addContact: (contact) => call('add_contact', { contact }),
  listActivities: (institutionId) => call('list_activities', { institutionId }),
  addActivity: (activity) => call('add_activity', { activity }),
  followUpsThisWeek: () => call('follow_ups_this_week'),

  listDepartments: () => call('list_departments'),
  addDepartment: (name) => call('add_department', { name }),
  removeDepartment: (name) => call('remove_department', { name }),
  dataSharingAgreement: (partnerId) => call('data_sharing_agreement', { partnerId }),
  recordDataSharingAgreement: (partnerId, signedOn, purpose) => call('record_data_sharing_agreement', { partnerId, signedOn, purpose }),
  endDataSharingAgreement: (partnerId) => call('end_data_sharing_agreement', { partnerId }),
  bellPeriods: () => call('bell_periods'),
  appointmentsOn: (date) => call('appointments_on', { date }),
  bookAppointment: (appointment) => call('book_appointment', { appointment }),
  bookAppointmentAsDirector: (appointment) => call('book_appointment_as_director', { appointment }),
  cancelAppointment: (id, byTutor) => call('cancel_appointment', { id, byTutor }),
  markAppointmentMissed: (id) => call('mark_appointment_missed', { id }),
  appointmentWeek: (date) => call('appointment_week', { date }),
  addToWaitlist: (waiting) => call('add_to_waitlist', { waiting }),
  waitlistOn: (date) => call('waitlist_on', { date }),
  withdrawFromWaitlist: (id) => call('withdraw_from_waitlist', { id }),
  availabilityExceptions: (termId) => call('availability_exceptions', { termId }),
  addAvailabilityException: (exception) => call('add_availability_exception', { exception }),
  removeAvailabilityException: (id) => call('remove_availability_exception', { id }),
  listTerms: () => call('list_terms'),
  addTerm: (term) => call('add_term', { term }),
  closeTermDay: (termId, date, reason) => call('close_term_day', { termId, date, reason }),
  tutorAvailability: (termId, tutorId) => call('tutor_availability', { termId, tutorId }),
  setTutorAvailability: (termId, tutorId, times) => call('set_tutor_availability', { termId, tutorId, times }),
  appointmentRules: () => call('appointment_rules'),
  setAppointmentRules: (rules) => call('set_appointment_rules', { rules }),
  listEvents: (from, to) => call('list_events', { from, to }),
  addEvent: (event) => call('add_event', { event }),
  correctEvent: (id, event) => call('correct_event', { id, event }),
  deleteEvent: (id, reason) => call('delete_event', { id, reason }),
  /** A tutor's own hours at the desk: they wait for the director's approval. */
  logTutorHours: (hours) => call('log_tutor_hours', { hours }),
  addTutorHours: (hours) => call('add_tutor_hours', { hours }),
  waitingTutorHours: () => call('waiting_tutor_hours'),
  approveTutorHours: (id) => call('approve_tutor_hours', { id }),
  declineTutorHours: (id, reason) => call('decline_tutor_hours', { id, reason }),
  serviceRecord: (tutorId) => call('service_record', { tutorId }),
  peerServiceRecords: () => call('peer_service_records'),
  feedbackAsked: () => call('feedback_asked'),
  setFeedbackAsked: (asked) => call('set_feedback_asked', { asked }),
  /** `answers`: question key → the answer chosen. */
  recordFeedback: (answers) => call('record_feedback', { answers }),
  exportFolder: () => call('export_folder'),
  schoolYearSoFar: () => call('school_year_so_far'),
  previewDeidentifiedSessions: (partnerId, from, to) => call('preview_deidentified_sessions', { partnerId, from, to }),
  /** Partner reports: `pkg` saves a data package (a zip with the CSV and its datapackage.json). */
  exportDeidentifiedSessions: (partnerId, from, to, path, pkg) => call('export_deidentified_sessions', { partnerId, from, to, path, package: pkg }),
  exportActivities: (partnerId, from, to, path, pkg) => call('export_activities', { partnerId, from, to, path, package: pkg }),
  exportWeeklySummary: (partnerId, from, to, path, pkg) => call('export_weekly_summary', { partnerId, from, to, path, package: pkg }),
  exportServiceHours: (partnerId, includePeerTutors, from, to, path, pkg) =>
    call('export_service_hours', { partnerId, includePeerTutors, from, to, path, package: pkg }),
  exportIdentifiedSessions: (acknowledged, from, to, path) => call('export_identified_sessions', { acknowledged, from, to, path }),
  suppressionThreshold: () => call('suppression_threshold'),
  setSuppressionThreshold: (threshold) => call('set_suppression_threshold', { threshold }),
  /** The native save dialog; resolves to a path, or null if the person cancels. */
  chooseSavePath: (defaultPath, filter = { name: 'CSV', extensions: ['csv'] }) => window.__TAURI__.dialog.save({ defaultPath, filters: [filter] }),

  listTutors: () => call('list_tutors'),
  addTutor: (tutor) => call('add_tutor', { tutor }),
  setTutorInstitution: (tutorId, institutionId) => call('set_tutor_institution', { tutorId, institutionId }),
  clockIn: (tutorId) => call('clock_in', { tutorId }),
  clockOut: (tutorId) => call('clock_out', { tutorId }),
  autoClosedShifts: () => call('auto_closed_shifts'),
  setShiftEnd: (shiftId, endTime) => call('set_shift_end', { shiftId, endTime }),
  listTeachers: () => call('list_teachers'),
  teacherDirectory: () => call('teacher_directory'),
  addTeacher: (teacher) => call('add_teacher', { teacher }),
  updateTeacher: (id, teacher) => call('update_teacher', { id, teacher }),
  teacherBriefs: (teacherId) => call('teacher_briefs', { teacherId }),
  addBrief: (brief) => call('add_brief', { brief }),
  teacherReferrals: (teacherId) => call('teacher_referrals', { teacherId }),
  addReferral: (referral) => call('add_referral', { referral }),
  briefsForSession: (teacherName, course, studentId) => call('briefs_for_session', { teacherName, course, studentId }),
  visitSlip: (sessionId, proof) => call('visit_slip', { sessionId, proof }),
  sendVisitToTeacher: (sessionId) => call('send_visit_to_teacher', { sessionId }),
  teacherDigest: (teacherId, date) => call('teacher_digest', { teacherId, date }),
  sendTeacherDigest: (teacherId, date) => call('send_teacher_digest', { teacherId, date }),
  vocabulary: () => call('vocabulary'),
};
