/**
 * The sentences of the reasons given when decoding a verification link (link.ts, paper-link.ts) and when reading
 * an issuer's DID or DID document (did.ts). Part of the reason-code vocabulary (reasons.ts).
 */
import type { Sentences } from "./reasons.ts";

export const linkAndDidReasons = {
  // --- verification links (link.ts) ---
  LINK_EMPTY: {
    en: "The link carries no credential.",
    es: "El enlace no contiene ninguna credencial.",
    "pt-BR": "O link não contém nenhuma credencial.",
  },
  LINK_TOO_LARGE: {
    en: "The link is longer than allowed.",
    es: "El enlace es más largo de lo permitido.",
    "pt-BR": "O link é mais longo do que o permitido.",
  },
  LINK_UNSUPPORTED_VERSION: {
    en: "The link was made by a newer or unknown version.",
    es: "El enlace fue creado por una versión más nueva o desconocida.",
    "pt-BR": "O link foi criado por uma versão mais nova ou desconhecida.",
  },
  LINK_NOT_BASE64URL: {
    en: "The link is damaged: it is not valid base64url.",
    es: "El enlace está dañado: no es base64url válido.",
    "pt-BR": "O link está danificado: não é base64url válido.",
  },
  LINK_NOT_DEFLATE: {
    en: "The link is damaged: its content cannot be decompressed.",
    es: "El enlace está dañado: su contenido no se puede descomprimir.",
    "pt-BR": "O link está danificado: seu conteúdo não pode ser descompactado.",
  },
  LINK_PAPER_MALFORMED: {
    en: "The QR code or link is damaged: what it carries is not a credential this verifier can read.",
    es: "El código QR o el enlace está dañado: lo que contiene no es una credencial que este verificador pueda leer.",
    "pt-BR":
      "O QR code ou o link está danificado: o que ele contém não é uma credencial que este verificador consiga ler.",
  },
  RECEIPT_MALFORMED: {
    en: "The file is not a verification receipt this verifier can read.",
    es: "El archivo no es un comprobante de verificación que este verificador pueda leer.",
    "pt-BR": "O arquivo não é um comprovante de verificação que este verificador consiga ler.",
  },
  LINK_DECOMPRESSED_TOO_LARGE: {
    en: "The link expands to more data than allowed.",
    es: "El enlace se expande a más datos de los permitidos.",
    "pt-BR": "O link se expande para mais dados do que o permitido.",
  },

  // --- issuer identity: DIDs and DID documents (did.ts) ---
  DID_KEY_INVALID: {
    en: "The key is not an Ed25519 public key in Multikey form (did:key:z6Mk…).",
    es: "La clave no es una clave pública Ed25519 en formato Multikey (did:key:z6Mk…).",
    "pt-BR": "A chave não é uma chave pública Ed25519 no formato Multikey (did:key:z6Mk…).",
  },
  DID_WEB_INVALID: {
    en: "The did:web identifier is not in a form the did:web specification allows.",
    es: "El identificador did:web no tiene una forma que la especificación did:web permita.",
    "pt-BR": "O identificador did:web não está em uma forma que a especificação did:web permite.",
  },
  DID_WEB_URL_INVALID: {
    en: "The address is not one where a did:web document can be published (https://…/did.json).",
    es: "La dirección no es una donde pueda publicarse un documento did:web (https://…/did.json).",
    "pt-BR": "O endereço não é um onde um documento did:web possa ser publicado (https://…/did.json).",
  },
  DID_UNSUPPORTED_METHOD: {
    en: "The issuer's DID uses a method that cannot hold credential keys here (use did:web or did:key).",
    es: "El DID del emisor usa un método que aquí no puede contener claves de credenciales (use did:web o did:key).",
    "pt-BR": "O DID do emissor usa um método que aqui não pode conter chaves de credenciais (use did:web ou did:key).",
  },
  DID_DOCUMENT_INVALID: {
    en: "The issuer's DID document is malformed.",
    es: "El documento DID del emisor está mal formado.",
    "pt-BR": "O documento DID do emissor está malformado.",
  },
  DID_VERIFICATION_METHOD_NOT_FOUND: {
    en: "The issuer's DID document does not list the key in question.",
    es: "El documento DID del emisor no incluye la clave en cuestión.",
    "pt-BR": "O documento DID do emissor não inclui a chave em questão.",
  },
  DID_CONTROLLER_MISMATCH: {
    en: "The key belongs to another identity than the DID that claims it.",
    es: "La clave pertenece a otra identidad distinta del DID que la reclama.",
    "pt-BR": "A chave pertence a outra identidade diferente do DID que a reivindica.",
  },
  DID_KEY_NOT_AUTHORIZED: {
    en: "The key is listed by the issuer's DID document but not authorised to issue credentials (it was retired).",
    es: "La clave figura en el documento DID del emisor pero no está autorizada a emitir credenciales (fue retirada).",
    "pt-BR": "A chave consta do documento DID do emissor mas não está autorizada a emitir credenciais (foi retirada).",
  },
} as const satisfies Record<string, Sentences>;
