// What other modules may use of applications.
export { APPLICATION_CODE, applicationCode, attachmentRule, FINAL, checkTransition, nextStatuses, resumeAfter, STATUS_NAMES, type AttachmentRule, type ReusableLookup, type ReuseContext, type ReusedDocument, type SourcedComponent, type Status } from './model.ts';
export { addWorkingDays, dueDate, isWorkingDay, pausedWorkingDays, startDay, workingDaysBetween, type WorkingCalendar } from './calendar.ts';
export { publicHolidays, vietnamCalendar } from './holidays.ts';
export { calendarSource, type CalendarSource } from './calendar-store.ts';
export { lunarToSolar } from './lunar.ts';
export { applicationRoutes, LOOKUP_LIMIT } from './routes.ts';
export { getApplication } from './store.ts';
export { seedWorkflowDemo } from './workflow/demo.ts';
export { GatewaySimulator, paymentRoutes } from './payment/index.ts';
export { resultRoutes } from './results/index.ts';
export { exportRoutes } from './export.ts';
export { whereHook, withWhereSection } from './where-routes.ts';
export { discardUnnamed, filesSwept, namedKeys, sweepFiles, type SweepOptions } from './orphans.ts';
export { WARNING_NAMES, WARNINGS, type WarningCounts } from './deadlines.ts';
export { submit, type SubmitDeps } from './submit.ts';
export { afterStatusChange, type StatusListener } from './transitions.ts';
export { discardRefusedUploads, first as firstPart, readMultipart, type StoredUpload } from './upload.ts';
export { APPLICATION_PROBLEMS } from './problems.ts';
