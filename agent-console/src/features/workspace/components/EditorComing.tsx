import { useI18n } from "../../../lib/i18n";
import { STRINGS } from "../strings";

/** What an account that only edits the FAQs sees until the editor exists. */
export function EditorComing() {
  const { t } = useI18n(STRINGS);
  return (
    <section className="page page--narrow" data-testid="editor-coming">
      <h1 className="page__title">{t.editorTitle}</h1>
      <p>{t.editorBody}</p>
      <p>{t.editorMeanwhile}</p>
    </section>
  );
}
