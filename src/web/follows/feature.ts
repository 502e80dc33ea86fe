import type { Feature, FeatureContext } from '../../features.js';

/** The follows feature module (being built; see the issue). */
export function createFollowsFeature(_ctx: FeatureContext): Feature {
  return {};
}
