import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** The one deployment definition of the registry, used by tests, the CLI and `npm start`. */
export default buildModule("CredentialRegistryModule", (m) => {
  const registry = m.contract("CredentialRegistry");
  return { registry };
});
