/**
 * Every reason code the core can report, with its sentence in each supported language. The CLI and the web app
 * render these; codes are stable identifiers (part of the result format), sentences may be reworded.
 */

import { MAX_PROOF_LENGTH } from "./generated/constants.ts";

export type Language = "en" | "es" | "pt-BR";

interface Sentences {
  en: string;
  es: string;
  "pt-BR": string;
}

const reasons = {
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

  // --- verification checks (verify.ts) ---
  FORMAT_OK: {
    en: "The credential is well formed.",
    es: "La credencial está bien formada.",
    "pt-BR": "A credencial está bem formada.",
  },
  INPUT_NOT_DIGEST: {
    en: "The input is neither a credential nor a 32-byte digest.",
    es: "La entrada no es una credencial ni un resumen de 32 bytes.",
    "pt-BR": "A entrada não é uma credencial nem um resumo de 32 bytes.",
  },
  INTEGRITY_OK: {
    en: "The content matches its digest and the batch root.",
    es: "El contenido coincide con su resumen y con la raíz del lote.",
    "pt-BR": "O conteúdo confere com seu resumo e com a raiz do lote.",
  },
  INTEGRITY_DIGEST_MISMATCH: {
    en: "The content does not match the credential digest: it was altered.",
    es: "El contenido no coincide con el resumen de la credencial: fue alterado.",
    "pt-BR": "O conteúdo não confere com o resumo da credencial: foi alterado.",
  },
  INTEGRITY_PATH_MISMATCH: {
    en: "The Merkle path does not lead to the batch root.",
    es: "La ruta de Merkle no conduce a la raíz del lote.",
    "pt-BR": "O caminho de Merkle não leva à raiz do lote.",
  },
  REGISTRY_TRUSTED: {
    en: "The registry is in this verifier's trust list.",
    es: "El registro está en la lista de confianza de este verificador.",
    "pt-BR": "O registro está na lista de confiança deste verificador.",
  },
  REGISTRY_UNTRUSTED: {
    en: "The registry is not in this verifier's trust list.",
    es: "El registro no está en la lista de confianza de este verificador.",
    "pt-BR": "O registro não está na lista de confiança deste verificador.",
  },
  REGISTRY_CHAIN_MISMATCH: {
    en: "The connected network is not the chain the credential was anchored on.",
    es: "La red conectada no es la cadena donde se ancló la credencial.",
    "pt-BR": "A rede conectada não é a cadeia onde a credencial foi ancorada.",
  },
  REGISTRY_CHAIN_UNKNOWN: {
    en: "The network could not be identified.",
    es: "No se pudo identificar la red.",
    "pt-BR": "Não foi possível identificar a rede.",
  },
  ANCHOR_OK: {
    en: "The batch is anchored in the registry.",
    es: "El lote está anclado en el registro.",
    "pt-BR": "O lote está ancorado no registro.",
  },
  ANCHOR_NOT_ANCHORED: {
    en: "The registry has no record of this batch.",
    es: "El registro no tiene constancia de este lote.",
    "pt-BR": "O registro não tem nenhum registro deste lote.",
  },
  ANCHOR_PROOF_REJECTED: {
    en: "The registry rejected the Merkle proof.",
    es: "El registro rechazó la prueba de Merkle.",
    "pt-BR": "O registro rejeitou a prova de Merkle.",
  },
  ANCHOR_RPC_FAILED: {
    en: "The registry could not be reached.",
    es: "No se pudo consultar el registro.",
    "pt-BR": "Não foi possível consultar o registro.",
  },
  ANCHOR_BAD_RESPONSE: {
    en: "The registry gave an answer that could not be understood.",
    es: "El registro dio una respuesta que no se pudo interpretar.",
    "pt-BR": "O registro deu uma resposta que não pôde ser interpretada.",
  },
  SOURCES_DISAGREE: {
    en: "The registry's sources disagree, so the credential could not be checked: the answers of the RPC endpoints read at the same block differ (see which source said what).",
    es: "Las fuentes del registro no coinciden, así que no se pudo comprobar la credencial: las respuestas de los puntos de acceso RPC leídos en el mismo bloque difieren (vea qué dijo cada fuente).",
    "pt-BR":
      "As fontes do registro divergem, então não foi possível verificar a credencial: as respostas dos endpoints RPC lidos no mesmo bloco são diferentes (veja o que cada fonte disse).",
  },
  SOURCES_TOO_FEW: {
    en: "Too few of the registry's sources answered to reach the required quorum, so the credential could not be checked.",
    es: "Respondieron demasiado pocas fuentes del registro para alcanzar el quórum exigido, así que no se pudo comprobar la credencial.",
    "pt-BR":
      "Poucas fontes do registro responderam para atingir o quórum exigido, então não foi possível verificar a credencial.",
  },
  SOURCE_BLOCK_UNAVAILABLE: {
    en: "This source could not read the registry at the block the other sources reported: it is behind them, or another source named a block that does not exist.",
    es: "Esta fuente no pudo leer el registro en el bloque que informaron las demás: va por detrás de ellas, u otra fuente indicó un bloque que no existe.",
    "pt-BR":
      "Esta fonte não conseguiu ler o registro no bloco informado pelas outras: está atrasada em relação a elas, ou outra fonte indicou um bloco que não existe.",
  },
  SOURCE_SINGLE: {
    en: "This result rests on a single source: one RPC endpoint alone vouched for what the registry says.",
    es: "Este resultado depende de una sola fuente: un único punto de acceso RPC respaldó lo que dice el registro.",
    "pt-BR": "Este resultado depende de uma única fonte: um só endpoint RPC respaldou o que o registro diz.",
  },
  ISSUER_OK: {
    en: "The institution and its signing key were in good standing when the batch was anchored.",
    es: "La institución y su clave de firma estaban habilitadas cuando se ancló el lote.",
    "pt-BR": "A instituição e sua chave de assinatura estavam regulares quando o lote foi ancorado.",
  },
  ISSUER_KEY_INVALID_AT_ANCHORING: {
    en: "The signing key was not valid when the batch was anchored.",
    es: "La clave de firma no era válida cuando se ancló el lote.",
    "pt-BR": "A chave de assinatura não era válida quando o lote foi ancorado.",
  },
  ISSUER_KEY_COMPROMISED: {
    en: "The signing key had been reported compromised before the batch was anchored.",
    es: "La clave de firma había sido declarada comprometida antes de anclar el lote.",
    "pt-BR": "A chave de assinatura havia sido declarada comprometida antes de o lote ser ancorado.",
  },
  ISSUER_ID_MISMATCH: {
    en: "The issuer id in the credential is not the one the registry held for this institution when the batch was anchored.",
    es: "El identificador del emisor que consta en la credencial no coincide con el que el registro tenía para esta institución cuando se ancló el lote.",
    "pt-BR":
      "O identificador do emissor informado na credencial não corresponde ao que o registro tinha para esta instituição quando o lote foi ancorado.",
  },
  ISSUER_SUSPENDED_NOW: {
    en: "The institution is suspended now (it was active when it issued this credential).",
    es: "La institución está suspendida ahora (estaba activa cuando emitió esta credencial).",
    "pt-BR": "A instituição está suspensa agora (estava ativa quando emitiu esta credencial).",
  },
  ISSUER_WITHDRAWN_NOW: {
    en: "The institution has been withdrawn from the registry since it issued this credential.",
    es: "La institución fue dada de baja del registro después de emitir esta credencial.",
    "pt-BR": "A instituição foi retirada do registro depois de emitir esta credencial.",
  },
  ISSUER_NAME_MISMATCH: {
    en: "The institution name inside the credential differs from the name in the registry.",
    es: "El nombre de la institución en la credencial difiere del nombre en el registro.",
    "pt-BR": "O nome da instituição na credencial difere do nome no registro.",
  },
  STATUS_ACTIVE: {
    en: "Neither the credential nor its batch has been revoked.",
    es: "Ni la credencial ni su lote han sido revocados.",
    "pt-BR": "Nem a credencial nem seu lote foram revogados.",
  },
  STATUS_CREDENTIAL_REVOKED: {
    en: "The issuer revoked this credential.",
    es: "El emisor revocó esta credencial.",
    "pt-BR": "O emissor revogou esta credencial.",
  },
  STATUS_BATCH_REVOKED: {
    en: "The whole batch this credential belongs to was revoked.",
    es: "Se revocó todo el lote al que pertenece esta credencial.",
    "pt-BR": "Todo o lote ao qual esta credencial pertence foi revogado.",
  },
  // --- published status lists (status-list.ts): what standard verifiers read; the registry is authoritative ---
  STATUS_LIST_AGREES: {
    en: "The published status list, which standard verifiers read, agrees with the registry.",
    es: "La lista de estado publicada, que leen los verificadores estándar, coincide con el registro.",
    "pt-BR": "A lista de status publicada, que os verificadores padrão leem, coincide com o registro.",
  },
  STATUS_LIST_DISAGREES: {
    en: "The published status list disagrees with the chain: standard verifiers will be told otherwise than the registry, which is authoritative. The issuer must publish the list again (acredita status-list).",
    es: "La lista de estado publicada no coincide con la cadena: los verificadores estándar recibirán otra respuesta que la del registro, que es la que vale. El emisor debe volver a publicar la lista (acredita status-list).",
    "pt-BR":
      "A lista de status publicada não coincide com a cadeia: os verificadores padrão receberão outra resposta que a do registro, que é a que vale. O emissor deve publicar a lista de novo (acredita status-list).",
  },
  STATUS_LIST_UNREADABLE: {
    en: "The status list the credential names could not be read, so standard verifiers cannot check its revocation; the registry's answer stands.",
    es: "No se pudo leer la lista de estado que indica la credencial, así que los verificadores estándar no podrán comprobar su revocación; vale la respuesta del registro.",
    "pt-BR":
      "Não foi possível ler a lista de status indicada pela credencial, então os verificadores padrão não poderão verificar sua revogação; vale a resposta do registro.",
  },
  STATUS_LIST_NOT_ISSUERS: {
    en: "The published status list is not signed by the credential's issuer; standard verifiers will reject it. The registry's answer stands.",
    es: "La lista de estado publicada no está firmada por el emisor de la credencial; los verificadores estándar la rechazarán. Vale la respuesta del registro.",
    "pt-BR":
      "A lista de status publicada não está assinada pelo emissor da credencial; os verificadores padrão vão rejeitá-la. Vale a resposta do registro.",
  },
  VALIDITY_OK: {
    en: "The credential is within its validity period.",
    es: "La credencial está dentro de su período de validez.",
    "pt-BR": "A credencial está dentro do período de validade.",
  },
  VALIDITY_EXPIRED: {
    en: "The credential has expired.",
    es: "La credencial ha vencido.",
    "pt-BR": "A credencial expirou.",
  },
  VALIDITY_NOT_YET_VALID: {
    en: "The credential is not valid yet.",
    es: "La credencial todavía no es válida.",
    "pt-BR": "A credencial ainda não é válida.",
  },
  VALIDITY_BAD_DATE: {
    en: "A validity date is not a valid date-time.",
    es: "Una fecha de validez no es una fecha y hora válida.",
    "pt-BR": "Uma data de validade não é uma data e hora válida.",
  },
  SKIPPED_AFTER_FAILURE: {
    en: "Not checked because an earlier check failed.",
    es: "No se comprobó porque falló una comprobación anterior.",
    "pt-BR": "Não verificado porque uma verificação anterior falhou.",
  },
  SKIPPED_STATUS_ONLY: {
    en: "Not checked: only a digest was given (a status-only link or QR code), not the credential itself, so only its anchoring and revocation can be checked.",
    es: "No se comprobó: solo se dio un resumen (un enlace o código QR de solo estado), no la credencial misma, así que solo pueden comprobarse su anclaje y su revocación.",
    "pt-BR":
      "Não verificado: só foi dado um resumo (um link ou QR code só de status), não a própria credencial, então só a ancoragem e a revogação podem ser verificadas.",
  },

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

/** A stable reason code. */
export type ReasonCode = keyof typeof reasons;

/** Every reason code, for exhaustive tests and for renderers that list them. */
export const reasonCodes = Object.keys(reasons) as ReasonCode[];

/** The sentence for `code` in `language` (English when the language is unknown). */
export function reasonMessage(code: ReasonCode, language: Language = "en"): string {
  return reasons[code][language];
}

/** The verdict names, in each language. */
const verdictSentences = {
  valid: { en: "Valid", es: "Válida", "pt-BR": "Válida" },
  "valid-with-warnings": {
    en: "Valid, with warnings",
    es: "Válida, con advertencias",
    "pt-BR": "Válida, com avisos",
  },
  "status-only": {
    en: "Anchored, not revoked — content not checked",
    es: "Anclada, no revocada — contenido no comprobado",
    "pt-BR": "Ancorada, não revogada — conteúdo não verificado",
  },
  revoked: { en: "Revoked", es: "Revocada", "pt-BR": "Revogada" },
  expired: { en: "Expired", es: "Vencida", "pt-BR": "Expirada" },
  "not-yet-valid": { en: "Not valid yet", es: "Aún no válida", "pt-BR": "Ainda não válida" },
  invalid: { en: "Invalid", es: "No válida", "pt-BR": "Inválida" },
  untrusted: { en: "Untrusted registry", es: "Registro no confiable", "pt-BR": "Registro não confiável" },
  "could-not-check": {
    en: "Could not be checked",
    es: "No se pudo comprobar",
    "pt-BR": "Não foi possível verificar",
  },
} as const satisfies Record<string, Sentences>;

/** The verdict of a verification. */
export type Verdict = keyof typeof verdictSentences;

/** Every verdict. */
export const verdicts = Object.keys(verdictSentences) as Verdict[];

const statusOnlySentences: Sentences = {
  en: "Anchored by {institution} on {date} and not revoked. Its content and validity dates were not checked: ask the holder for the credential itself.",
  es: "Anclada por {institution} el {date} y no revocada. No se comprobaron su contenido ni sus fechas de validez: pida a quien la presenta la credencial misma.",
  "pt-BR":
    "Ancorada por {institution} em {date} e não revogada. O conteúdo e as datas de validade não foram verificados: peça a quem a apresenta a própria credencial.",
};

/**
 * What a "status-only" verdict means, in one sentence: who anchored it and when (already formatted for the
 * reader), that it is not revoked, and that its content and validity dates were not checked.
 */
export function statusOnlyMessage(institution: string, date: string, language: Language = "en"): string {
  return statusOnlySentences[language].replace("{institution}", () => institution).replace("{date}", () => date);
}

/** The display name of `verdict` in `language`. */
export function verdictMessage(verdict: Verdict, language: Language = "en"): string {
  return verdictSentences[verdict][language];
}
