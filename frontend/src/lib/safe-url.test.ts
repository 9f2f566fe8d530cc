import { describe, expect, it } from "vitest";
import { safeHttpsUrl, safeImage, safeMarkdownUrl } from "./safe-url.ts";

describe("safeHttpsUrl", () => {
  it("accepts an absolute https URL", () => {
    expect(safeHttpsUrl("https://uneje.example/cursos?a=1")).toBe("https://uneje.example/cursos?a=1");
  });
  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "\u0001javascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD4=",
    "http://insecure.example",
    "//evil.example/x",
    "/relative",
    "https://user:pass@evil.example/",
    "",
  ])("rejects %j", (value) => {
    expect(safeHttpsUrl(value)).toBeUndefined();
  });
  it("rejects values that are not strings", () => {
    expect(safeHttpsUrl({ href: "https://x.example" })).toBeUndefined();
    expect(safeHttpsUrl(42)).toBeUndefined();
  });
});

describe("safeImage", () => {
  const png = "data:image/png;base64,iVBORw0KGgo=";
  it("shows raster data images inline", () => {
    expect(safeImage(png)).toEqual({ kind: "inline", src: png });
    expect(safeImage({ id: png, type: "Image" })).toEqual({ kind: "inline", src: png });
  });
  it("defers https images to a click and names their host", () => {
    expect(safeImage("https://tracker.example/pixel.png")).toEqual({
      kind: "remote",
      url: "https://tracker.example/pixel.png",
      host: "tracker.example",
    });
  });
  it.each([
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "data:text/html;base64,PHNjcmlwdD4=",
    "data:image/png,not-base64<script>",
    "javascript:alert(1)",
    "http://insecure.example/a.png",
  ])("refuses %j", (value) => {
    expect(safeImage(value)).toBeUndefined();
  });
});

describe("safeMarkdownUrl", () => {
  it.each(["https://uneje.example/a", "http://uneje.example/a", "mailto:registro@uneje.example"])("links %s", (url) => {
    expect(safeMarkdownUrl(url)).toBe(url);
  });
  it.each([
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "/relative",
    "//evil.example/x",
    "https://user:pass@uneje.example/",
    "ftp://files.example/",
  ])("refuses %s", (url) => {
    expect(safeMarkdownUrl(url)).toBeUndefined();
  });
});
