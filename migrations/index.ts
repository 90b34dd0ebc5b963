import type { Migration } from 'kysely'
import * as m001 from './2026-11-25-001-offices.js'
import * as m002 from './2026-11-25-002-identity.js'
import * as m003 from './2026-11-25-003-audit.js'
import * as m004 from './2026-11-25-004-sign-in-security.js'
import * as m005 from './2026-11-25-005-catalogue.js'
import * as m006 from './2026-11-25-006-queue.js'
import * as m007 from './2026-11-25-007-appointments.js'
import * as m008 from './2026-11-25-008-desk-weights-and-estimates.js'
import * as m009 from './2026-11-25-009-appointment-identifiers.js'
import * as m010 from './2026-11-30-010-rate-windows.js'
import * as m011 from './2026-11-30-011-counters.js'
import * as m012 from './2026-11-30-012-jobs.js'
import * as m013 from './2026-11-30-013-calendar.js'
import * as m014 from './2026-11-30-014-search.js'
import * as m015 from './2026-12-01-015-unit-grants.js'
import * as m016 from './2026-12-01-016-registry.js'
import * as m017 from './2026-12-01-017-classifications.js'
import * as m018 from './2026-12-01-018-cases.js'
import * as m019 from './2026-12-01-019-search-scope.js'
import * as m020 from './2026-12-01-020-case-documents.js'
import * as m021 from './2026-12-01-021-search-words.js'
import * as m022 from './2026-12-01-022-sign-in-holds.js'
import * as m023 from './2026-12-01-023-appointment-language.js'
import * as m024 from './2026-12-01-024-slot-templates.js'
import * as m025 from './2026-12-01-025-case-deadlines.js'
import * as m026 from './2026-12-01-026-notifications.js'
import * as m027 from './2026-12-01-027-delay-notices.js'
import * as m028 from './2026-12-01-028-information-requests.js'
import * as m029 from './2026-12-01-029-retention.js'
import * as m030 from './2026-12-01-030-trust-anchors.js'
import * as m031 from './2026-12-01-031-document-signatures.js'
import * as m032 from './2026-12-01-032-register-file-signatures.js'
import * as m033 from './2026-12-01-033-eservices.js'
import * as m034 from './2026-12-02-034-audit-chains.js'
import * as m035 from './2026-12-02-035-waiting-special-index.js'
import * as m036 from './2026-12-02-036-network-scale-indexes.js'

/** Every migration, by name. Add new ones at the end; never edit one that has landed. */
export const migrations: Record<string, Migration> = {
  '2026-11-25-001-offices': m001,
  '2026-11-25-002-identity': m002,
  '2026-11-25-003-audit': m003,
  '2026-11-25-004-sign-in-security': m004,
  '2026-11-25-005-catalogue': m005,
  '2026-11-25-006-queue': m006,
  '2026-11-25-007-appointments': m007,
  '2026-11-25-008-desk-weights-and-estimates': m008,
  '2026-11-25-009-appointment-identifiers': m009,
  '2026-11-30-010-rate-windows': m010,
  '2026-11-30-011-counters': m011,
  '2026-11-30-012-jobs': m012,
  '2026-11-30-013-calendar': m013,
  '2026-11-30-014-search': m014,
  '2026-12-01-015-unit-grants': m015,
  '2026-12-01-016-registry': m016,
  '2026-12-01-017-classifications': m017,
  '2026-12-01-018-cases': m018,
  '2026-12-01-019-search-scope': m019,
  '2026-12-01-020-case-documents': m020,
  '2026-12-01-021-search-words': m021,
  '2026-12-01-022-sign-in-holds': m022,
  '2026-12-01-023-appointment-language': m023,
  '2026-12-01-024-slot-templates': m024,
  '2026-12-01-025-case-deadlines': m025,
  '2026-12-01-026-notifications': m026,
  '2026-12-01-027-delay-notices': m027,
  '2026-12-01-028-information-requests': m028,
  '2026-12-01-029-retention': m029,
  '2026-12-01-030-trust-anchors': m030,
  '2026-12-01-031-document-signatures': m031,
  '2026-12-01-032-register-file-signatures': m032,
  '2026-12-01-033-eservices': m033,
  '2026-12-02-034-audit-chains': m034,
  '2026-12-02-035-waiting-special-index': m035,
  '2026-12-02-036-network-scale-indexes': m036,
}
