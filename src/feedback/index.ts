// What other modules may use of feedback.
export { feedbackRoutes, serviceSections } from './routes.ts';
export { mostUsedServices, serviceStatistics, rebuildStatistics, yearFigures } from './stats.ts';
export { ratingOf, type Rating } from './store.ts';
export { RatingSection } from './views/rating.tsx';
export { GuidanceLinks, ServiceFaq, ServiceFigures } from './views/service-figures.tsx';
export { seedFeedbackDemo } from './demo.ts';
export { CRITERION_NAMES, LEVEL_NAMES, RATEABLE_STATUSES, type Criterion, type Level } from './model.ts';
