// The door other features use to the prepared alerts (protection/alerts.ts): signing in under duress
// queues one. It imports nothing of theirs, so accounts can call it without a cycle.
export { queueAlert, type AlertReason } from '../alerts.ts';
