import { useI18n } from "../i18n/I18nProvider.tsx";
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from "../i18n/languages.ts";

export function LanguageSwitcher() {
  const { t, language, setLanguage } = useI18n();
  return (
    <div className="language">
      <label htmlFor="language-select">{t("app.language")}</label>
      <select
        id="language-select"
        value={language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
