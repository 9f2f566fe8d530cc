import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { isPlainText, Markdown } from "./Markdown.tsx";
import MarkdownRenderer from "./MarkdownRenderer.tsx";

afterEach(cleanup);

const PLAIN = [
  "Microcredencial de posgrado en línea.",
  "Aprobar tres cursos con 70/100.",
  "Ação: conclusão (2024) — nota 9,5; \"ótimo\" e 'bom'?",
  "x",
  "Two  spaces inside, a tab\there, a URL https://uneje.example/curso and an e-mail a@uneje.example.",
];
const MARKDOWN = [
  "**Bold**",
  "# Heading",
  "1. first",
  "- item",
  "line one\nline two",
  "a [link](https://uneje.example)",
  "<b>raw</b>",
  "&amp;",
  "trailing space ",
  " leading space",
  "",
];

describe("Markdown without the parser in the first bundle", () => {
  it.each(PLAIN)("renders plain text %j exactly as the markdown renderer does", (text) => {
    expect(isPlainText(text)).toBe(true);
    const fast = render(<Markdown>{text}</Markdown>).container.innerHTML;
    cleanup();
    const parsed = render(
      <div className="markdown">
        <MarkdownRenderer>{text}</MarkdownRenderer>
      </div>,
    ).container.innerHTML;
    expect(fast).toBe(parsed);
  });

  it.each(MARKDOWN)("leaves %j to the markdown renderer", (text) => {
    expect(isPlainText(text)).toBe(false);
  });

  it("renders markdown once the renderer has loaded after the first paint", async () => {
    render(<Markdown testId="md">{"**Bold** and [good](https://uneje.example/curso)"}</Markdown>);
    expect(await screen.findByText("Bold", { selector: "strong" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "good" }).getAttribute("href")).toBe("https://uneje.example/curso");
    expect(screen.getByTestId("md").textContent).not.toContain("**");
  });
});
