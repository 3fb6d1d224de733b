// What other modules may use of notifications.
export { addNotice, noticesOf, unreadCount, type NewNotice, type Notice } from './store.ts';
export { notificationRoutes } from './routes.ts';
