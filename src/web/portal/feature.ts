import type { Feature, FeatureContext } from '../../features.js';

/** The portal feature module (being built; see the issue). */
export function createPortalFeature(_ctx: FeatureContext): Feature {
  return {};
}
