// Helpline cases (issue 14, docs/decisions/0023): an organisation runs a helpline; anyone opens a case
// without an account; handlers answer against a clock; cases move between helplines only with consent.
export * from './helpline.ts';
export * from './desk.ts';
export * from './requester.ts';
export * from './referral.ts';
export * from './indicators.ts';
export { registerCaseJobs, SLA_JOB, PURGE_JOB as CASE_PURGE_JOB } from './sla.ts';
export type * from './model.ts';
export { CASE_STATES, SETTABLE_STATES, REFERRAL_FIELDS, ALERT_STAGES } from './model.ts';
export { HONEYPOT_FIELD } from './input.ts';
export * from './stats.ts';
