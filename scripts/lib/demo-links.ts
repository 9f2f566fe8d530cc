/**
 * The demo's verification links, one per verdict, each ~3 KB (a link carries the whole credential): `npm start`
 * writes them to `<state>/demo-links.txt` and to a page, `<state>/demo-links.html`, that the web app serves at
 * `/demo-links.html`, and prints only the page's short URL, the labels and the file's path.
 */
import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { writeFileAtomically } from "./atomic-file.ts";
import type { DemoLink } from "./demo-seed.ts";

export const DEMO_LINKS_TEXT = "demo-links.txt";
export const DEMO_LINKS_PAGE = "demo-links.html";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Writes the links as text (label, then link, per credential) and as a page of links; returns both paths. */
export function writeDemoLinks(stateDir: string, demo: readonly DemoLink[]): { text: string; page: string } {
  const text = join(stateDir, DEMO_LINKS_TEXT);
  const page = join(stateDir, DEMO_LINKS_PAGE);
  writeFileAtomically(text, demo.map((d) => `${d.label}\n${d.link}\n`).join("\n"));
  const items = demo.map((d) => `    <li><a href="${escapeHtml(d.link)}">${escapeHtml(d.label)}</a></li>`);
  writeFileAtomically(
    page,
    [
      "<!doctype html>",
      '<html lang="en">',
      '<meta charset="utf-8">',
      "<title>Acredita demo credentials</title>",
      "<h1>Demo credentials, one per verdict</h1>",
      "<p>Each link opens the verifier with the whole credential in the link.</p>",
      "<ul>",
      ...items,
      "</ul>",
      "</html>",
      "",
    ].join("\n"),
  );
  return { text, page };
}

/** What `npm start` prints about the demo: short lines, never the links themselves. */
export function demoLines(demo: readonly DemoLink[], webUrl: string, textFile: string): string[] {
  if (demo.length === 0) return [];
  return [
    `Demo credentials, one per verdict — open ${webUrl}${DEMO_LINKS_PAGE} and pick one:`,
    ...demo.map((d) => `  - ${d.label}`),
    `  (the links themselves are in ${textFile})`,
    "",
  ];
}

/** Answers `GET /demo-links.html` from `stateDir`; returns false (answering nothing) for any other path. */
export function serveDemoLinks(stateDir: string, request: IncomingMessage, response: ServerResponse): boolean {
  const path = (request.url ?? "").split("?")[0] ?? "";
  if (path !== `/${DEMO_LINKS_PAGE}`) return false;
  const file = join(stateDir, DEMO_LINKS_PAGE);
  if ((request.method !== "GET" && request.method !== "HEAD") || !existsSync(file)) return false;
  const body = readFileSync(file);
  response.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(body.length),
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
  });
  response.end(request.method === "HEAD" ? undefined : body);
  return true;
}
