import { lazy, Suspense, useEffect, useState } from "react";
import type { TrustedRegistry } from "../config/env.ts";
import { type VerdictPanels, VerifyPage } from "../features/verify/VerifyPage.tsx";
import { useI18n } from "../i18n/I18nProvider.tsx";
import { LanguageSwitcher } from "./LanguageSwitcher.tsx";
import { TrustedRegistries } from "./TrustedRegistries.tsx";

// What the verifier shows under a verdict comes from other features, each its own chunk, loaded when shown.
const VERDICT_PANELS: VerdictPanels = {
  Record: lazy(() => import("../features/record/VerificationRecord.tsx")),
  Share: lazy(() => import("../features/share/SharePanel.tsx")),
};
const RegistryExplorer = lazy(() => import("../features/registry/RegistryExplorer.tsx"));
// The administration console (wallet connectors included) is its own chunk, loaded only when opened.
const Console = lazy(() => import("../features/console/Console.tsx"));

type View = "verify" | "registry" | "console";

const TITLES = { verify: "app.nav.verify", registry: "app.nav.registry", console: "app.nav.console" } as const;

const CONSOLE_HASH = "#/console";

/** `#/console` opens the console directly (a bookmarkable address for administrators). */
function initialView(): View {
  return window.location.hash === CONSOLE_HASH ? "console" : "verify";
}

/**
 * The console's address follows the view: opening it sets `#/console` (a new history entry, so Back returns), and
 * leaving it drops that fragment. Other fragments (a credential's link) are left alone until the console opens.
 */
function addressFor(view: View): void {
  const onConsole = window.location.hash === CONSOLE_HASH;
  if (view === "console" && !onConsole) window.history.pushState(null, "", CONSOLE_HASH);
  if (view !== "console" && onConsole)
    window.history.pushState(null, "", window.location.pathname + window.location.search);
}

export function App({ registries }: { registries: readonly TrustedRegistry[] }) {
  const { t } = useI18n();
  const [view, setView] = useState<View>(initialView);
  useEffect(() => {
    // Back and Forward (and a typed fragment) move between the console and the verifier.
    const follow = () => {
      setView((current) =>
        window.location.hash === CONSOLE_HASH ? "console" : current === "console" ? "verify" : current,
      );
    };
    window.addEventListener("popstate", follow);
    window.addEventListener("hashchange", follow);
    return () => {
      window.removeEventListener("popstate", follow);
      window.removeEventListener("hashchange", follow);
    };
  }, []);
  const tab = (id: View, label: string) => (
    <button
      type="button"
      className="nav-button"
      aria-current={view === id ? "page" : undefined}
      onClick={() => {
        addressFor(id);
        setView(id);
      }}
    >
      {label}
    </button>
  );
  return (
    <>
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="app-header no-print">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◆
          </span>
          <div>
            <p className="app-name">Acredita</p>
            <p className="tagline">{t("app.tagline")}</p>
          </div>
        </div>
        <nav aria-label={t("app.nav")}>
          {tab("verify", t("app.nav.verify"))}
          {tab("registry", t("app.nav.registry"))}
          {tab("console", t("app.nav.console"))}
        </nav>
        <LanguageSwitcher />
      </header>
      <main id="main" tabIndex={-1}>
        <h1 className="visually-hidden">{t(TITLES[view])}</h1>
        {view === "verify" && <VerifyPage registries={registries} panels={VERDICT_PANELS} />}
        {view === "registry" && (
          <Suspense fallback={<p role="status">{t("registry.loading")}</p>}>
            <RegistryExplorer registries={registries} />
          </Suspense>
        )}
        {view === "console" && (
          <Suspense fallback={<p role="status">{t("console.loading")}</p>}>
            <Console registries={registries} />
          </Suspense>
        )}
      </main>
      <footer className="no-print">
        <TrustedRegistries registries={registries} />
        <p className="hint">{t("app.privacy")}</p>
      </footer>
    </>
  );
}
