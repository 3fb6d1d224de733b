// What other modules may use of feedback.
export { feedbackRoutes, serviceStatistics } from './routes.ts';
export { CRITERION_NAMES, LEVEL_NAMES, type Criterion, type Level } from './model.ts';
