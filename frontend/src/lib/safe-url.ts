/** The web app's link and image rules live in core (the credential display model uses them too). */
export { safeHttpsUrl, safeImage, safeMarkdownUrl, type SafeImage } from "@acredita/core";
