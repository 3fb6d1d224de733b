// Bundled services across agencies (liên thông thủ tục hành chính): one dossier, one form, one set
// of papers for several procedures of several agencies; each part an application of its agency.
export { bundleRoutes, type BundleRouteDeps } from './routes.ts';
export { BundleDefinitionError, DEMO_BUNDLES_DIR, loadBundle, loadBundles, type BundleDefinition, type BundlePart } from './definition.ts';
export { bundleAfterMove, forwardedPartStatus } from './store.ts';
export { exchangeRoute, forwardedRef, type BundleRoute, type PartOrder, type PartPlaced } from './route.ts';
export { submitBundle, type BundleDeps, type BundleResult } from './submit.ts';
