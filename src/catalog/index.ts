// What other modules may use of the catalog.
export { catalogRoutes, catalogSitemap } from './routes.ts';
export { exportCatalog, importCatalog, importCatalogCsv, parseCatalogFile, CatalogFormatError, type ImportOptions, type ImportReport } from './import.ts';
export { CsvError } from './csv.ts';
export { MAX_FORM_FILE_BYTES, officialFormKeys, type FormFileSource } from './form-files.ts';
export { catalogVersion, getService, nameDifferences, onlineServices, searchServices, serviceExists, servicesOfAgencies } from './store.ts';
export {
  communeOfAddress,
  communes,
  effectiveAgency,
  implementationAt,
  implementationCounts,
  implementationsOf,
  isOffline,
  orderForApplicant,
  removeImplementation,
  saveImplementation,
  IMPLEMENTATION_FIELDS,
  type Implementation,
  type ImplementationChange,
  type ImplementationField,
  type ImplementationOverrides,
  type ImplementingAgency,
} from './implementations.ts';
export { LIFE_EVENTS, type LifeEvent } from './life-events.ts';
export { seedCatalogDemo } from './demo.ts';
export { generateServices } from './scale.ts';
export { SERVICE_CODE } from './model.ts';
export { AGENCY_KINDS } from './model.ts';
export type { AgencyKind, Service, ServiceRecord, CatalogFile, ImplementationRecord } from './model.ts';
