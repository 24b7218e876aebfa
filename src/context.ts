// Wires the application's dependencies once. Tests pass overrides (a clock, a logger, a config).
import type { Config } from './config/config.ts';
import { loadServerKey } from './config/secrets.ts';
import { createDb, type Db } from './db/client.ts';
import { migrateToLatest } from './db/migrate.ts';
import { readAssessmentLibrary, type Library as AssessmentLibrary } from './features/assessments/assessment/service.ts';
import { LiveDirectoryIndex, type DirectoryIndexHolder } from './features/directory/live-index.ts';
import { createOfflineEditions, type OfflineEditions } from './features/offline/editions.ts';
import { createTriageFlows, type TriageFlows } from './features/triage/graph.ts';
import { PURGE_JOB, runPurgeJob } from './features/accounts/purge/service.ts';
import { ALERT_JOB, runAlertJob } from './features/protection/alerts.ts';
import { refreshHelplinePeople, registerCaseJobs } from './features/cases/service.ts';
import { registerLegislationJobs } from './features/legislation/alerts.ts';
import { refreshFollowPeople } from './features/legislation/follows.ts';
import { ALERT_RELAY_JOB, CHECK_IN_JOB, runAlertRelay, runCheckInJob } from './features/protection/remote/service.ts';
import { createJobRunner, type JobRunner } from './platform/jobs.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { createKeyring, type Keyring } from './platform/keyring.ts';
import { lazy } from './platform/lazy.ts';
import { createLookup, type Lookup } from './platform/lookup.ts';
import { createMailer, type Mailer } from './platform/mail.ts';
import { createMembershipEvents, type MembershipEvents } from './platform/membership-events.ts';
import { createSealer, type Sealer } from './platform/sealer.ts';
import { verifyServerKey } from './platform/server-key.ts';

export interface Clock {
  now(): Date;
}

export interface AppContext {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  sealer: Sealer;
  keyring: Keyring;
  mailer: Mailer;
  serverKey: Buffer;
  /** The assessment instrument, recommended actions and what-if cards: read and checked on first use, then kept. */
  assessmentLibrary: () => Promise<AssessmentLibrary>;
  /** Lookup keys (email_lookup), derived from the server key once. */
  lookup: Lookup;
  /** The directory's search index and synonyms, built on first use. */
  directoryIndex: DirectoryIndexHolder;
  /** The triage flows of data/triage, read on first use. */
  triage: TriageFlows;
  /** The offline editions built so far, one per locale. */
  offline: OfflineEditions;
  /** Background jobs: features register their kinds here; the server polls (main.ts). */
  jobs: JobRunner;
  /** Membership changes: features renew the lists their jobs mail from. */
  membership: MembershipEvents;
}

export const systemClock: Clock = { now: () => new Date() };

export async function createContext(
  config: Config,
  overrides: Partial<Omit<AppContext, 'config'>> = {},
): Promise<AppContext> {
  const serverKey = overrides.serverKey ?? loadServerKey(config);
  const db = overrides.db ?? createDb(config);
  try {
    await verifyServerKey(db, serverKey);
  } catch (error) {
    if (!overrides.db) await db.destroy();
    throw error;
  }
  await migrateToLatest(db, config.databaseUrl ? config.dbSchema : undefined, serverKey);
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const keyring = overrides.keyring ?? createKeyring(db, serverKey);
  const clock = overrides.clock ?? systemClock;
  const ctx: AppContext = {
    config,
    db,
    serverKey,
    lookup: overrides.lookup ?? createLookup(serverKey),
    logger,
    clock,
    keyring,
    sealer: overrides.sealer ?? createSealer(keyring.keys),
    mailer: overrides.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom }, logger),
    // Lazy: it is checked against the directory, which is loaded after the context is built (main.ts).
    assessmentLibrary: overrides.assessmentLibrary ?? lazy(() => readAssessmentLibrary(ctx)),
    directoryIndex: overrides.directoryIndex ?? new LiveDirectoryIndex({ db, logger, clock, seedDir: config.seedDir }),
    triage: overrides.triage ?? createTriageFlows({ seedDir: config.seedDir, logger }),
    offline: overrides.offline ?? createOfflineEditions(),
    jobs: overrides.jobs ?? createJobRunner({ db, clock, logger, pollMs: config.jobPollSeconds * 1000 }),
    membership: overrides.membership ?? createMembershipEvents(logger),
  };
  ctx.jobs.register(PURGE_JOB, () => runPurgeJob(ctx));
  ctx.jobs.register(ALERT_JOB, (job) => runAlertJob(ctx, job));
  ctx.jobs.register(CHECK_IN_JOB, (job) => runCheckInJob(ctx, job));
  ctx.jobs.register(ALERT_RELAY_JOB, (job) => runAlertRelay(ctx, job));
  registerCaseJobs(ctx);
  registerLegislationJobs(ctx);
  ctx.membership.on((actor, orgId) => refreshHelplinePeople(ctx, actor, orgId));
  ctx.membership.on((actor, orgId) => refreshFollowPeople(ctx, actor, orgId));
  return ctx;
}
