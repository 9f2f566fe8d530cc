import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { parseRegistries } from "./config/env.ts";
import { I18nProvider } from "./i18n/I18nProvider.tsx";
import { preloadForLink } from "./features/verify/verify-request.ts";
import { INTL_LOCALE, initialLanguage } from "./i18n/languages.ts";
import { formatMessage } from "./i18n/icu.ts";
import { loadCatalog } from "./i18n/load-messages.ts";
import "./styles.css";

const container = document.getElementById("root");
if (!container) throw new Error("index.html lacks #root");
const root = createRoot(container);

// A signed credential's link: its signature-checking code loads while the app starts (see preloadForLink).
preloadForLink(window.location.hash.slice(1));

const language = initialLanguage();
document.documentElement.lang = language;
const catalog = await loadCatalog(language);

try {
  const registries = parseRegistries(import.meta.env.VITE_ACREDITA_REGISTRIES);
  root.render(
    <StrictMode>
      <I18nProvider initial={{ language, ...catalog }}>
        <App registries={registries} />
      </I18nProvider>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <main>
      <h1>{formatMessage(catalog.messages["app.notConfigured"], INTL_LOCALE[language])}</h1>
      <p role="alert">{error instanceof Error ? error.message : String(error)}</p>
    </main>,
  );
}
