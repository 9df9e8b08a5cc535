import type { ErrorView } from "../../src/protocol/events";
import { applyStrings, el } from "./dom";
import type { StringKey, Strings } from "./i18n";

export type SurveyRating = 1 | 2 | 3 | 4 | 5;
/** Undefined when stored; "offline" when it could not be sent. */
export type SurveyProblem = ErrorView | "offline" | undefined;

export interface SurveyActions {
  submit(handoffId: string, rating: SurveyRating, comment: string | undefined): Promise<SurveyProblem>;
  /** The rating given earlier in this browser (0 when the flag has no rating), or undefined if none. */
  submitted(handoffId: string): number | undefined;
}

export const SURVEY_COMMENT_MAX = 500;
const RATINGS: SurveyRating[] = [1, 2, 3, 4, 5];

/**
 * The 1-5 satisfaction survey under the closing message of a chat with an agent. Keeps its own
 * state in the DOM: the message list never rebuilds a message once shown, only refills its text.
 */
export function surveyElement(
  handoffId: string,
  actions: SurveyActions,
  strings: () => Strings,
): HTMLElement {
  let rating: SurveyRating | undefined;
  const stars = RATINGS.map((n) =>
    el(
      "button",
      {
        type: "button",
        class: "star",
        "aria-pressed": "false",
        "data-rating": String(n),
        "data-i18n-label": "surveyRating",
        "data-i18n-n": String(n),
        "data-testid": `survey-rating-${n}`,
      },
      [el("span", { class: "star-glyph", "aria-hidden": "true" }, ["★"]), el("span", {}, [String(n)])],
    ),
  );
  const comment = el("textarea", {
    class: "survey-comment",
    rows: "2",
    maxlength: String(SURVEY_COMMENT_MAX),
    "data-i18n-label": "surveyComment",
    "data-i18n-placeholder": "surveyComment",
    "data-testid": "survey-comment",
  });
  const submit = el("button", {
    type: "button",
    class: "survey-submit",
    "data-i18n": "surveySubmit",
    "data-testid": "survey-submit",
  });
  // Always in the tree, so what is put into it later is announced.
  const live = el("div", { class: "survey-live", role: "status" });
  const root = el(
    "div",
    {
      class: "survey",
      role: "group",
      "data-i18n-label": "surveyPrompt",
      "data-testid": "survey",
      "data-handoff-id": handoffId,
    },
    [
      el("p", { class: "survey-prompt", "aria-hidden": "true", "data-i18n": "surveyPrompt" }),
      el("div", { class: "stars" }, stars),
      comment,
      el("div", { class: "survey-row" }, [submit]),
      live,
    ],
  );

  const choose = (n: SurveyRating | undefined) => {
    rating = n;
    for (const star of stars) {
      const value = Number(star.dataset.rating);
      star.setAttribute("aria-pressed", String(value === n));
      star.classList.toggle("lit", n !== undefined && value <= n);
    }
  };
  const setDisabled = (disabled: boolean) => {
    for (const control of [...stars, comment, submit]) control.disabled = disabled;
  };
  const say = (node: HTMLElement) => {
    applyStrings(node, strings());
    live.replaceChildren(node);
  };
  const note = (key: StringKey, attrs: Record<string, string> = {}) =>
    el("p", { ...attrs, "data-i18n": key });
  const thank = () => {
    root.dataset.state = "done";
    setDisabled(true);
    say(note("surveyThanks", { class: "survey-thanks", "data-testid": "survey-thanks", tabindex: "-1" }));
  };

  for (const star of stars) {
    star.addEventListener("click", () => choose(Number(star.dataset.rating) as SurveyRating));
  }
  submit.addEventListener("click", async () => {
    if (rating === undefined) {
      say(note("surveyChoose", { class: "survey-error", "data-testid": "survey-error" }));
      stars[0]?.focus();
      return;
    }
    const text = comment.value.trim().slice(0, SURVEY_COMMENT_MAX);
    root.dataset.state = "sending";
    setDisabled(true);
    live.replaceChildren();
    const problem = await actions.submit(handoffId, rating, text === "" ? undefined : text);
    if (problem === undefined) {
      thank();
      live.querySelector<HTMLElement>(".survey-thanks")?.focus();
      return;
    }
    root.dataset.state = "error";
    setDisabled(false);
    say(
      problem === "offline"
        ? note("reconnecting", { class: "survey-error", "data-testid": "survey-error" })
        : el("p", { class: "survey-error", "data-testid": "survey-error" }, [problem.message]),
    );
  });

  const earlier = actions.submitted(handoffId);
  if (earlier !== undefined) {
    choose(RATINGS.find((n) => n === earlier));
    thank();
  }
  return root;
}
