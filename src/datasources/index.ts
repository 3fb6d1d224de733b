// The national databases as data sources (Art. 15.3, V2, V4): what other modules and the wiring use.
export { chooseSource, NO_SOURCE, platformSource, TIMEOUT_MS, type DataSource, type DataSourceSettings, type Lookup, type SourceLog } from './client.ts';
export { SOURCES, type BirthRecord, type Citizen, type DigitisedResult, type SourceCode } from './protocol.ts';
export { dataSourceRoutes } from './routes.ts';
export { sourceFor } from './rules.ts';
export { DataSourceSimulator, type SimulatorMode } from './simulator.ts';
export { logSourceUse, sourceUsesOf, type SourceUseEntry } from './store.ts';
export { populationPrefill, withNationalSources } from './uses.ts';
export { SourceUsesSection } from './views.tsx';
