import { useEffect, useState, type ComponentType } from "react";

/**
 * Markdown from a credential (OB 3.0 descriptions, criteria, narratives, endorsement comments), rendered as text
 * structure only (see MarkdownRenderer.tsx for what survives: no raw HTML, safe links only, no images, no headings).
 *
 * The markdown parser is not in the first bundle: a text with no markdown syntax at all is one paragraph, rendered
 * here exactly as the parser would; any other text shows as plain text until the renderer, loaded after the first
 * paint (never ahead of the verdict), takes over.
 */
type Renderer = ComponentType<{ children: string }>;

let loaded: Renderer | undefined;
let loading: Promise<Renderer> | undefined;
function loadRenderer(): Promise<Renderer> {
  loading ??= import("./MarkdownRenderer.tsx").then((m) => (loaded = m.default));
  loading.catch(() => (loading = undefined)); // a failed load (offline) is tried again by the next text
  return loading;
}

/**
 * One line with no character markdown gives a meaning to (emphasis, code, links, HTML, entities, escapes), nothing
 * a line can start a block with (heading, quote, list, rule, indented code) and no surrounding whitespace: the
 * parser's output for it is the text in one paragraph.
 */
const PLAIN_TEXT = /^[^\s*_`[\]<>#&\\!~|=+\-0-9](?:[^\n\r*_`[\]<>&\\!~|]*[^\s*_`[\]<>&\\!~|])?$/u;

export function isPlainText(text: string): boolean {
  return PLAIN_TEXT.test(text);
}

function useRenderer(wanted: boolean): Renderer | undefined {
  const [renderer, setRenderer] = useState<Renderer | undefined>(() => loaded);
  useEffect(() => {
    if (!wanted || renderer !== undefined) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        loadRenderer().then(
          (component) => {
            if (live) setRenderer(() => component);
          },
          () => undefined, // stays plain text
        );
      }, 0);
    });
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [wanted, renderer]);
  return renderer;
}

export function Markdown(props: { children: string; testId?: string }) {
  const plain = isPlainText(props.children);
  const Renderer = useRenderer(!plain);
  return (
    <div className="markdown" data-testid={props.testId}>
      {plain || Renderer === undefined ? <p>{props.children}</p> : <Renderer>{props.children}</Renderer>}
    </div>
  );
}
