// What the rest of applications uses of electronic results.
export { resultRoutes, VERIFY_PATH } from './routes.ts';
