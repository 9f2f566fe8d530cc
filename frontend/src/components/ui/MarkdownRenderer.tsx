import type { ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import { safeMarkdownUrl } from "../../lib/safe-url.ts";

/**
 * Markdown from a credential (OB 3.0 descriptions, criteria, narratives, endorsement comments), rendered as
 * text structure only:
 * - raw HTML is dropped (`skipHtml`), never parsed or inserted;
 * - a link is a link only to an absolute `http:`, `https:` or `mailto:` URL, opening in a new tab without a
 *   handle on this page or a referrer; any other link (`javascript:`, `data:`, relative…) is its text;
 * - images are never loaded: an image shows its alternative text;
 * - headings become bold paragraphs, so a credential cannot reshape the page's outline.
 */
function Link(props: { href?: string | undefined; children?: ReactNode }) {
  const href = safeMarkdownUrl(props.href);
  if (href === undefined) return <span>{props.children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {props.children}
    </a>
  );
}

function Heading(props: { children?: ReactNode }) {
  return (
    <p>
      <strong>{props.children}</strong>
    </p>
  );
}

const COMPONENTS: Components = {
  a: ({ href, children }) => <Link href={href}>{children}</Link>,
  img: ({ alt }) => (alt ? <span className="md-image">[{alt}]</span> : null),
  h1: Heading,
  h2: Heading,
  h3: Heading,
  h4: Heading,
  h5: Heading,
  h6: Heading,
};

/** Only links survive the URL transform; an image source is always emptied (and the image never rendered). */
function urlTransform(url: string, key: string): string {
  return key === "href" ? (safeMarkdownUrl(url) ?? "") : "";
}

/** The markdown's elements (Markdown.tsx loads this module, and react-markdown with it, after the first paint). */
export default function MarkdownRenderer(props: { children: string }) {
  return (
    <ReactMarkdown skipHtml urlTransform={urlTransform} components={COMPONENTS}>
      {props.children}
    </ReactMarkdown>
  );
}
