import type { TrustedRegistry } from "./env.ts";

/**
 * The Content-Security-Policy of the built app, injected as a `<meta http-equiv>` by vite.config.ts so it
 * travels with the static files wherever they are hosted.
 *
 * - scripts only from the app's own origin (no inline script, no eval);
 * - network (fetch/XHR) only to the configured RPC endpoints and status list prefixes: nothing a credential names
 *   is fetched unless the configuration lists where it lives;
 * - images from the app, raster `data:` images and https (an https image is shown only after a click);
 * - no plugins, no frames, no form posts, no `<base>` rewriting.
 */
export function contentSecurityPolicy(registries: readonly Pick<TrustedRegistry, "rpcUrls" | "statusLists">[]): string {
  const rpc = [
    ...new Set(registries.flatMap((r) => [...r.rpcUrls.map(cspSource), ...(r.statusLists ?? []).map(cspSource)])),
  ].sort();
  const directives: [string, ...string[]][] = [
    ["default-src", "'none'"],
    ["script-src", "'self'"],
    ["style-src", "'self'"],
    ["img-src", "'self'", "data:", "https:"],
    ["font-src", "'self'"],
    ["connect-src", ...(rpc.length > 0 ? rpc : ["'none'"])],
    ["manifest-src", "'self'"],
    ["object-src", "'none'"],
    ["frame-src", "'none'"],
    ["worker-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** A CSP source expression for one URL: scheme, host, port and path, without query or fragment. */
function cspSource(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error(`not an http(s) URL: ${url}`);
  // Characters that would end or split a directive cannot appear in a parsed URL's origin + path, but check.
  // A path ending in "/" allows everything under it (CSP path matching).
  const source = `${parsed.origin}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  if (/[\s;,']/.test(source)) throw new Error(`cannot express ${url} in a Content-Security-Policy`);
  return source;
}
