/**
 * LinkedIn's "Add to profile" link and an embeddable snippet, built here from the verified credential: no
 * third-party script, nothing sent anywhere until the holder follows the link.
 */
import type { CredentialView, SafeImage } from "@acredita/core";

export const LINKEDIN_ADD_TO_PROFILE = "https://www.linkedin.com/profile/add";

export interface Certification {
  /** The certification's name (the credential's title, else the achievement's name). */
  name: string;
  /** The issuing organisation (the registry's name for the institution, when known). */
  organization: string;
  /** When it was issued (validFrom, else awardedDate). */
  issued?: Date;
  /** When it expires (validUntil). */
  expires?: Date;
  /** The verification URL. */
  url: string;
}

/** The certification a credential's view describes, or undefined when it has no name to show. */
export function certificationOf(
  view: CredentialView,
  url: string,
  institution: string | undefined,
): Certification | undefined {
  const name = view.title ?? view.achievement.name;
  const organization = institution ?? view.issuer.name;
  if (name === undefined || organization === undefined) return undefined;
  const date = (text: string | undefined) => {
    const time = text === undefined ? Number.NaN : Date.parse(text);
    return Number.isNaN(time) ? undefined : new Date(time);
  };
  const out: Certification = { name, organization, url };
  const issued = date(view.dates.validFrom ?? view.dates.awardedDate);
  const expires = date(view.dates.validUntil);
  if (issued !== undefined) out.issued = issued;
  if (expires !== undefined) out.expires = expires;
  return out;
}

/** LinkedIn's "Add to profile" URL for a certification (every value percent-encoded by URLSearchParams). */
export function linkedInAddUrl(cert: Certification, id?: string): string {
  const params = new URLSearchParams({ startTask: "CERTIFICATION_NAME", name: cert.name });
  params.set("organizationName", cert.organization);
  if (cert.issued !== undefined) {
    params.set("issueYear", String(cert.issued.getUTCFullYear()));
    params.set("issueMonth", String(cert.issued.getUTCMonth() + 1));
  }
  if (cert.expires !== undefined) {
    params.set("expirationYear", String(cert.expires.getUTCFullYear()));
    params.set("expirationMonth", String(cert.expires.getUTCMonth() + 1));
  }
  params.set("certUrl", cert.url);
  if (id !== undefined) params.set("certId", id);
  return `${LINKEDIN_ADD_TO_PROFILE}?${params.toString()}`;
}

function attribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * An HTML snippet for a web page or e-mail signature: a link to the verification URL with the badge image (when
 * the credential has one) or the certification's name. Every value is escaped for an attribute or text.
 */
export function embedSnippet(cert: Certification, image: SafeImage | undefined): string {
  const label = `${cert.name} — ${cert.organization}`;
  const src = image === undefined ? undefined : image.kind === "inline" ? image.src : image.url;
  const inner =
    src === undefined
      ? attribute(label)
      : `<img src="${attribute(src)}" alt="${attribute(label)}" width="120" height="120">`;
  return `<a href="${attribute(cert.url)}" target="_blank" rel="noopener">${inner}</a>`;
}
