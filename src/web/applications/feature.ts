import type { Feature, FeatureContext } from '../../features.js';

/** The applications feature module (being built; see the issue). */
export function createApplicationsFeature(_ctx: FeatureContext): Feature {
  return {};
}
