import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { Providers } from "./app/Providers.tsx";
import { parseRegistries } from "./config/env.ts";
import { createWagmiConfig } from "./config/wagmi.ts";
import "./styles.css";

const container = document.getElementById("root");
if (!container) throw new Error("index.html lacks #root");
const root = createRoot(container);

try {
  const registries = parseRegistries(import.meta.env.VITE_ACREDITA_REGISTRIES);
  root.render(
    <StrictMode>
      <Providers config={createWagmiConfig(registries)}>
        <App registries={registries} />
      </Providers>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <main>
      <h1>Acredita is not configured</h1>
      <p role="alert">{error instanceof Error ? error.message : String(error)}</p>
    </main>,
  );
}
