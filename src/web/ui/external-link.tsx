import { isWebUrl } from '../../domain/published-response.js';

/**
 * A link to a page elsewhere, showing its URL. A URL that is not http(s) (a `javascript:` or
 * `data:` URL in a row that never passed the validated inputs) is shown as text, never a link.
 */
export function ExternalLink({ href, rel }: { href: string; rel: string }) {
  return isWebUrl(href) ? (
    <a href={href} rel={rel}>
      {href}
    </a>
  ) : (
    <span>{href}</span>
  );
}
