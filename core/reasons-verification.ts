/**
 * The sentences of the reasons a verification's checks give (FORMAT … VALIDITY, the registry read through its
 * sources), and of the comparison with a published status list. Part of the reason-code vocabulary (reasons.ts).
 */
import type { Sentences } from "./reasons.ts";

export const verificationReasons = {
  // --- verification checks (local-checks.ts, signature-check.ts, registry-read.ts, chain-status.ts…) ---
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
    "pt-BR": "O registro não tem nenhuma informação sobre este lote.",
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
    es: "La lista de estado publicada no coincide con la cadena: los verificadores estándar recibirán una respuesta distinta de la del registro, que es la que vale. El emisor debe volver a publicar la lista (acredita status-list).",
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
} as const satisfies Record<string, Sentences>;
