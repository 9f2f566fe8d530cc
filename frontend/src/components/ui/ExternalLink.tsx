import type { ReactNode } from "react";
import { safeHttpsUrl } from "../../lib/safe-url.ts";

/**
 * A link to another site, only if `href` is an https URL (otherwise the children are shown as plain text). It
 * opens without giving the other page a handle on this one and without a referrer.
 */
export function ExternalLink(props: { href: unknown; children: ReactNode }) {
  const href = safeHttpsUrl(props.href);
  if (href === undefined) return <span>{props.children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {props.children}
    </a>
  );
}
