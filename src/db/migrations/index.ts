// Migrations are listed explicitly, in order; a new one is appended, never inserted.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-directory.ts';
import * as m0002 from './0002-audit-log.ts';
import * as m0003 from './0003-accounts.ts';
import * as m0004 from './0004-assessments.ts';
import * as m0005 from './0005-auth-hardening.ts';
import * as m0006 from './0006-sealed-documents.ts';
import * as m0007 from './0007-member-keys.ts';
import * as m0008 from './0008-jobs.ts';
import * as m0009 from './0009-protection.ts';
import * as m0010 from './0010-remote-trigger.ts';
import * as m0011 from './0011-monitor.ts';
import * as m0012 from './0012-monitor-networks.ts';
import * as m0013 from './0013-monitor-intake.ts';
import * as m0014 from './0014-cases.ts';
import * as m0015 from './0015-countries.ts';
import * as m0016 from './0016-legislation.ts';
import * as m0017 from './0017-forecasts.ts';
import * as m0018 from './0018-legislation-follows.ts';

export const migrations: Record<string, Migration> = {
  '0001-directory': m0001,
  '0002-audit-log': m0002,
  '0003-accounts': m0003,
  '0004-assessments': m0004,
  '0005-auth-hardening': m0005,
  '0006-sealed-documents': m0006,
  '0007-member-keys': m0007,
  '0008-jobs': m0008,
  '0009-protection': m0009,
  '0010-remote-trigger': m0010,
  '0011-monitor': m0011,
  '0012-monitor-networks': m0012,
  '0013-monitor-intake': m0013,
  '0014-cases': m0014,
  '0015-countries': m0015,
  '0016-legislation': m0016,
  '0017-forecasts': m0017,
  '0018-legislation-follows': m0018,
};
