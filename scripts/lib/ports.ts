import { createServer } from "node:net";

/** Resolves when `port` can be bound on `host`; rejects with a sentence saying what to do otherwise. */
export function assertPortFree(host: string, port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `port ${port} on ${host} is already in use (another \`npm start\`?). Stop that process or choose another port: ${variable}=<port> npm start`
            : `cannot listen on ${host}:${port}: ${error.message}`,
        ),
      );
    });
    server.listen(port, host, () => {
      server.close(() => {
        resolve();
      });
    });
  });
}
