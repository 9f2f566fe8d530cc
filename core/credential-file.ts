/**
 * How a credential file is read, the same way by the CLI (`acredita verify`) and the web app (a dropped or chosen
 * file): at most {@link MAX_CREDENTIAL_FILE_BYTES} bytes — a larger file is refused before any byte of it is read —
 * decoded as UTF-8 exactly as a browser's `Blob.text()` does (the WHATWG "UTF-8 decode": one leading byte order
 * mark is dropped, a malformed sequence becomes U+FFFD). A credential saved with a BOM thus verifies in both.
 */
import { DEFAULT_MAX_LENGTH } from "./canonical.ts";

/** The largest credential file read (1 MiB: the strict parser's own limit on credential text). */
export const MAX_CREDENTIAL_FILE_BYTES = DEFAULT_MAX_LENGTH;

const utf8Decoder = new TextDecoder("utf-8");

/** A credential file's text from its bytes, as `Blob.text()` gives it (see the module comment). */
export function decodeCredentialFile(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}
