// What other modules may use of petitions (phản ánh, kiến nghị).
export { petitionRoutes, SEND_LIMIT, TRACK_LIMIT } from './routes.ts';
export { overduePetitions, type OverduePetitions } from './store.ts';
export { seedPetitionsDemo } from './demo.ts';
export { DEFAULT_HANDLING_DAYS, STATUS_NAMES as PETITION_STATUS_NAMES, type PetitionStatus } from './model.ts';
