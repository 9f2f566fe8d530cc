import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { parseRegistries } from "./config/env.ts";
import { I18nProvider } from "./i18n/I18nProvider.tsx";
import { preloadForLink, startLinkVerification } from "./features/verify/verify-request.ts";
import { INTL_LOCALE, initialLanguage } from "./i18n/languages.ts";
import { formatMessage } from "./i18n/icu.ts";
import { loadCatalog } from "./i18n/load-messages.ts";
import "./styles.css";

const container = document.getElementById("root");
if (!container) throw new Error("index.html lacks #root");
const root = createRoot(container);

let configured: ReturnType<typeof parseRegistries> | undefined;
let configError: unknown;
try {
  configured = parseRegistries(import.meta.env.VITE_ACREDITA_REGISTRIES);
} catch (error) {
  configError = error;
}
// A verification link: its verification (and the loading of its signature-checking code) starts now, its network
// waits overlapping the first render (see startLinkVerification); a page without a registry loads that code anyway.
const fragment = window.location.hash.slice(1);
if (configured === undefined || !startLinkVerification(fragment, configured)) preloadForLink(fragment);

const language = initialLanguage();
document.documentElement.lang = language;
const catalog = await loadCatalog(language);

try {
  if (configured === undefined) throw configError;
  const registries = configured;
  // A transition: the first render yields to the browser every few milliseconds, so the link's verification (its
  // registry answers, its signature code arriving) moves on while the page is built instead of after it.
  startTransition(() => {
    root.render(
      <StrictMode>
        <I18nProvider initial={{ language, ...catalog }}>
          <App registries={registries} />
        </I18nProvider>
      </StrictMode>,
    );
  });
} catch (error) {
  root.render(
    <main>
      <h1>{formatMessage(catalog.messages["app.notConfigured"], INTL_LOCALE[language])}</h1>
      <p role="alert">{error instanceof Error ? error.message : String(error)}</p>
    </main>,
  );
}
