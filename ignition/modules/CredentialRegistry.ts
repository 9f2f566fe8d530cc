import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** Two days: how long a default-admin transfer waits before the new admin may accept it (unless overridden). */
const DEFAULT_ADMIN_TRANSFER_DELAY = 2n * 24n * 60n * 60n;

/**
 * The one deployment definition of the registry, used by tests, the CLI and `npm start`.
 *
 * Parameters (per network, in an Ignition parameters file under `ignition/parameters/`):
 * - `admin`: the default admin, who grants and revokes the registrar role (defaults to the deploying account);
 * - `registrar`: the first registrar (defaults to the deploying account);
 * - `adminTransferDelay`: seconds a default-admin transfer must wait (default two days).
 */
export default buildModule("CredentialRegistryModule", (m) => {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const registrar = m.getParameter("registrar", deployer);
  const adminTransferDelay = m.getParameter("adminTransferDelay", DEFAULT_ADMIN_TRANSFER_DELAY);
  const registry = m.contract("CredentialRegistry", [adminTransferDelay, admin, registrar]);
  return { registry };
});
