import { useMemo } from "react";
import { answerAsHtml } from "../lib/protocol";

interface AnswerTextProps {
  /** The bot's words or an FAQ answer, as Markdown. */
  markdown: string;
  className?: string;
  testId?: string;
}

/**
 * An answer shown as the citizen sees it in the widget: lists, bold, links. The console's one
 * dangerouslySetInnerHTML, fed only by answer-markdown.ts, which escapes any HTML in the answer
 * and keeps links to http(s), mailto and tel. Everything else in the console stays text nodes.
 */
export function AnswerText({ markdown, className, testId }: AnswerTextProps) {
  const html = useMemo(() => answerAsHtml(markdown), [markdown]);
  return (
    <div
      className={className ? `answer-text ${className}` : "answer-text"}
      data-testid={testId}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the shared sanitising renderer's output, nothing else
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
