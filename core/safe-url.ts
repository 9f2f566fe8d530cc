/**
 * The only ways a value from a credential may become a link or an image. Everything else is shown as text.
 * - links: absolute `https:` URLs only (never `javascript:`, `data:`, `vbscript:`, relative or protocol-less);
 *   inside rendered markdown, which the reader sees as a link in a text, `http:`, `https:` and `mailto:`;
 * - images: raster `data:` images (PNG, JPEG, GIF, WebP, base64) that are displayed inline, or `https:` images
 *   that are displayed only after the user asks (nothing a credential names is fetched during verification).
 */

const MAX_URL_LENGTH = 2048;
const MAX_DATA_IMAGE_LENGTH = 512 * 1024;
const RASTER_DATA_URL = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * `value` parsed as an absolute URL, or undefined when it is not a string, is too long or does not parse.
 * Browsers strip leading/trailing C0 controls and spaces and ignore tabs/newlines inside a scheme; the URL
 * parser does the same, so callers judge the parsed URL's protocol, never the raw text.
 */
function parsedUrl(value: unknown): URL | undefined {
  if (typeof value !== "string" || value.length > MAX_URL_LENGTH) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** An `https:` URL as a normalized string, or undefined for anything else. */
export function safeHttpsUrl(value: unknown): string | undefined {
  const url = parsedUrl(value);
  if (url === undefined || url.protocol !== "https:" || url.username !== "" || url.password !== "") return undefined;
  return url.href;
}

/**
 * A link target inside a credential's markdown: an absolute `http:`, `https:` or `mailto:` URL as a normalized
 * string, or undefined (then the link is shown as its text only).
 */
export function safeMarkdownUrl(value: unknown): string | undefined {
  const url = parsedUrl(value);
  if (url === undefined) return undefined;
  if (url.protocol === "mailto:") return url.href;
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username !== "" || url.password !== "") return undefined;
  return url.href;
}

export type SafeImage = { kind: "inline"; src: string } | { kind: "remote"; url: string; host: string };

/** How an image value from a credential may be shown, or undefined when it may not be shown at all. */
export function safeImage(value: unknown): SafeImage | undefined {
  const raw = typeof value === "object" && value !== null && !Array.isArray(value) && "id" in value ? value.id : value;
  if (typeof raw !== "string") return undefined;
  if (raw.length <= MAX_DATA_IMAGE_LENGTH && RASTER_DATA_URL.test(raw)) return { kind: "inline", src: raw };
  const url = safeHttpsUrl(raw);
  return url === undefined ? undefined : { kind: "remote", url, host: new URL(url).host };
}
