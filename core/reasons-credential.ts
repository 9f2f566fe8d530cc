/**
 * The sentences of the reasons a credential document itself gives: strict parsing, the credential model, selective
 * disclosure, the issuer's Data Integrity proof, and the anchor proof block and manifest. Part of the reason-code
 * vocabulary (reasons.ts).
 */
import type { Sentences } from "./reasons.ts";
import { MAX_PROOF_LENGTH } from "./generated/constants.ts";

export const credentialReasons = {
  // --- strict parsing (canonical.ts) ---
  PARSE_NOT_JSON: {
    en: "The input is not valid JSON.",
    es: "La entrada no es JSON válido.",
    "pt-BR": "A entrada não é um JSON válido.",
  },
  PARSE_TRAILING_DATA: {
    en: "There is extra content after the JSON document.",
    es: "Hay contenido adicional después del documento JSON.",
    "pt-BR": "Há conteúdo extra depois do documento JSON.",
  },
  PARSE_DUPLICATE_KEY: {
    en: "An object repeats a key, so it can be read in two ways.",
    es: "Un objeto repite una clave, por lo que admite dos lecturas.",
    "pt-BR": "Um objeto repete uma chave, então admite duas leituras.",
  },
  PARSE_LONE_SURROGATE: {
    en: "A string contains an unpaired UTF-16 surrogate.",
    es: "Una cadena contiene un sustituto UTF-16 sin pareja.",
    "pt-BR": "Uma string contém um substituto UTF-16 sem par.",
  },
  PARSE_NUMBER_NOT_EXACT: {
    en: "A number is too large to be carried exactly (beyond 2^53).",
    es: "Un número es demasiado grande para representarse con exactitud (más de 2^53).",
    "pt-BR": "Um número é grande demais para ser representado com exatidão (acima de 2^53).",
  },
  PARSE_NUMBER_OUT_OF_RANGE: {
    en: "A number is outside the range JSON numbers can carry.",
    es: "Un número está fuera del rango que admite JSON.",
    "pt-BR": "Um número está fora do intervalo que o JSON admite.",
  },
  PARSE_TOO_LARGE: {
    en: "The input is larger than the allowed size.",
    es: "La entrada supera el tamaño permitido.",
    "pt-BR": "A entrada excede o tamanho permitido.",
  },
  PARSE_FORBIDDEN_KEY: {
    en: 'The input uses a key that is not allowed ("__proto__" or "constructor"): programs read such keys in different ways.',
    es: 'La entrada usa una clave no permitida ("__proto__" o "constructor"): los programas leen esas claves de maneras distintas.',
    "pt-BR":
      'A entrada usa uma chave não permitida ("__proto__" ou "constructor"): os programas leem essas chaves de maneiras diferentes.',
  },
  PARSE_TOO_DEEP: {
    en: "The input is nested more deeply than allowed.",
    es: "La entrada tiene más niveles de anidamiento de los permitidos.",
    "pt-BR": "A entrada tem mais níveis de aninhamento do que o permitido.",
  },
  CANONICAL_UNSUPPORTED_VALUE: {
    en: "The value contains something JSON cannot represent.",
    es: "El valor contiene algo que JSON no puede representar.",
    "pt-BR": "O valor contém algo que o JSON não pode representar.",
  },

  // --- credential model (credential.ts) ---
  CREDENTIAL_NOT_OB3: {
    en: "The document is not an Open Badges 3.0 credential.",
    es: "El documento no es una credencial Open Badges 3.0.",
    "pt-BR": "O documento não é uma credencial Open Badges 3.0.",
  },
  CREDENTIAL_MICROCREDENTIAL_INCOMPLETE: {
    en: "The credential lacks required microcredential information.",
    es: "A la credencial le falta información obligatoria de microcredencial.",
    "pt-BR": "Falta à credencial informação obrigatória de microcredencial.",
  },
  CREDENTIAL_INVALID_TEMPLATE: {
    en: "The course template is not valid.",
    es: "La plantilla del curso no es válida.",
    "pt-BR": "O modelo do curso não é válido.",
  },
  CREDENTIAL_INVALID_LEARNER: {
    en: "The learner record is not valid.",
    es: "El registro del estudiante no es válido.",
    "pt-BR": "O registro do estudante não é válido.",
  },
  CREDENTIAL_INVALID_ISSUER: {
    en: "The issuer profile is not valid.",
    es: "El perfil del emisor no es válido.",
    "pt-BR": "O perfil do emissor não é válido.",
  },
  CREDENTIAL_ALREADY_ANCHORED: {
    en: "The credential already carries an Acredita anchor proof.",
    es: "La credencial ya lleva una prueba de anclaje de Acredita.",
    "pt-BR": "A credencial já traz uma prova de ancoragem da Acredita.",
  },
  CREDENTIAL_VC1_UNSUPPORTED: {
    en: "The credential follows the VC Data Model 1.1 (issuanceDate, credentials/v1 context); Open Badges 3.0 credentials are issued as VC 2.0.",
    es: "La credencial sigue el modelo VC 1.1 (issuanceDate, contexto credentials/v1); las credenciales Open Badges 3.0 se emiten como VC 2.0.",
    "pt-BR":
      "A credencial segue o modelo VC 1.1 (issuanceDate, contexto credentials/v1); as credenciais Open Badges 3.0 são emitidas como VC 2.0.",
  },

  // --- selective disclosure (disclosure.ts, commitment.ts, field-tree.ts) ---
  DISCLOSURE_UNKNOWN_FIELD: {
    en: "The disclosure names a field the credential does not have.",
    es: "La divulgación menciona un campo que la credencial no tiene.",
    "pt-BR": "A divulgação cita um campo que a credencial não tem.",
  },
  DISCLOSURE_MISSING_SALT: {
    en: "The visible fields and the salts in the anchor proof do not match one to one.",
    es: "Los campos visibles y las sales de la prueba de anclaje no se corresponden uno a uno.",
    "pt-BR": "Os campos visíveis e os sais da prova de ancoragem não se correspondem um a um.",
  },
  DISCLOSURE_BAD_MULTIPROOF: {
    en: "The proof of the hidden fields does not fit the credential's field tree.",
    es: "La prueba de los campos ocultos no encaja con el árbol de campos de la credencial.",
    "pt-BR": "A prova dos campos ocultos não se encaixa na árvore de campos da credencial.",
  },

  // --- the issuer's Data Integrity proof (data-integrity.ts) ---
  SIGNATURE_OK: {
    en: "The issuer's digital signature (Data Integrity, eddsa-rdfc-2022) is valid.",
    es: "La firma digital del emisor (Data Integrity, eddsa-rdfc-2022) es válida.",
    "pt-BR": "A assinatura digital do emissor (Data Integrity, eddsa-rdfc-2022) é válida.",
  },
  SIGNATURE_REDACTED: {
    en: "The holder hid some fields, so the issuer's signature over the whole credential no longer applies; the on-chain anchor still proves every field shown.",
    es: "Quien la presenta ocultó algunos campos, así que la firma del emisor sobre la credencial completa ya no se aplica; el anclaje en la cadena sigue probando cada campo mostrado.",
    "pt-BR":
      "Quem a apresenta ocultou alguns campos, então a assinatura do emissor sobre a credencial completa não se aplica mais; a ancoragem na cadeia continua provando cada campo exibido.",
  },
  SIGNATURE_NONE: {
    en: "The credential carries no issuer signature that Acredita can check; only the on-chain anchor vouches for it.",
    es: "La credencial no lleva una firma del emisor que Acredita pueda comprobar; solo la respalda el anclaje en la cadena.",
    "pt-BR":
      "A credencial não traz uma assinatura do emissor que a Acredita possa verificar; só a ancoragem na cadeia a respalda.",
  },
  DI_SIGNATURE_INVALID: {
    en: "The issuer's digital signature does not match the credential: it was changed after it was signed.",
    es: "La firma digital del emisor no corresponde a la credencial: se modificó después de firmarse.",
    "pt-BR": "A assinatura digital do emissor não corresponde à credencial: ela foi alterada depois de assinada.",
  },
  DI_KEY_NOT_ISSUERS: {
    en: "The credential was signed with a key that does not belong to its issuer.",
    es: "La credencial se firmó con una clave que no pertenece a su emisor.",
    "pt-BR": "A credencial foi assinada com uma chave que não pertence ao seu emissor.",
  },
  DI_DOCUMENT_UNKNOWN: {
    en: "The credential refers to a context or key that is not bundled with Acredita; nothing is fetched from the network.",
    es: "La credencial remite a un contexto o clave que Acredita no incluye; no se descarga nada de la red.",
    "pt-BR": "A credencial remete a um contexto ou chave que a Acredita não inclui; nada é baixado da rede.",
  },
  DI_SIGN_FAILED: {
    en: "The credential could not be signed: it is not valid JSON-LD with the bundled contexts (every term must be defined).",
    es: "No se pudo firmar la credencial: no es JSON-LD válido con los contextos incluidos (todo término debe estar definido).",
    "pt-BR":
      "Não foi possível assinar a credencial: ela não é JSON-LD válido com os contextos incluídos (todo termo deve estar definido).",
  },

  // --- proof block and manifest (proof.ts) ---
  PROOF_MISSING: {
    en: "The credential has no Acredita anchor proof.",
    es: "La credencial no tiene prueba de anclaje de Acredita.",
    "pt-BR": "A credencial não tem prova de ancoragem da Acredita.",
  },
  PROOF_UNSUPPORTED_FORMAT: {
    en: "The anchor proof has a format version this verifier does not know (credentials issued before format v2 are no longer read).",
    es: "La prueba de anclaje tiene una versión de formato que este verificador no conoce (las credenciales emitidas antes del formato v2 ya no se leen).",
    "pt-BR":
      "A prova de ancoragem tem uma versão de formato que este verificador não conhece (credenciais emitidas antes do formato v2 não são mais lidas).",
  },
  PROOF_MALFORMED: {
    en: "The anchor proof is malformed.",
    es: "La prueba de anclaje está mal formada.",
    "pt-BR": "A prova de ancoragem está malformada.",
  },
  PROOF_PATH_TOO_LONG: {
    en: `The Merkle path has more nodes than the registry accepts (at most ${MAX_PROOF_LENGTH}), so it cannot belong to any batch.`,
    es: `La ruta de Merkle tiene más nodos de los que admite el registro (${MAX_PROOF_LENGTH} como máximo), así que no puede pertenecer a ningún lote.`,
    "pt-BR": `O caminho de Merkle tem mais nós do que o registro aceita (no máximo ${MAX_PROOF_LENGTH}), então não pode pertencer a nenhum lote.`,
  },
  MANIFEST_MALFORMED: {
    en: "The batch manifest is malformed.",
    es: "El manifiesto del lote está mal formado.",
    "pt-BR": "O manifesto do lote está malformado.",
  },
  BATCH_EMPTY: {
    en: "A batch needs at least one credential.",
    es: "Un lote necesita al menos una credencial.",
    "pt-BR": "Um lote precisa de pelo menos uma credencial.",
  },
  BATCH_TOO_LARGE: {
    en: "The batch has more credentials than a uint32 index can number.",
    es: "El lote tiene más credenciales de las que un índice uint32 puede numerar.",
    "pt-BR": "O lote tem mais credenciais do que um índice uint32 consegue numerar.",
  },
} as const satisfies Record<string, Sentences>;
