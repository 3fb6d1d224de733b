// What other modules may use of notifications.
export { addNotice, deliveriesOf, queueDelivery, deliveryFigures, noticesOf, unreadCount, type DeliveryView, type NewNotice, type Notice } from './store.ts';
export { eventOfStatus, msisdn, type EventName } from './model.ts';
export { notificationRoutes } from './routes.ts';
export { DeliveryLog } from './views/delivery-log.tsx';
export { startDeliveryWorker, type DeliveryWorker } from './worker.ts';
export { startSmsSimulator, type SmsSimulator } from './sms-simulator.ts';
export { createChannels, DeliveryError, type DeliveryChannel } from './channels/index.ts';
