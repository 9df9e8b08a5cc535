import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ApiResult, HttpError } from "../../../lib/http";
import type { StaffCall } from "../../../lib/staff-call";
import { safeStorage } from "../../../lib/storage";
import { fetchFaqs } from "../api/knowledge";
import { createDraft, fetchDraft, fetchDrafts } from "../api/drafts";
import { type Draft, type DraftDetail, type DraftList, type IntentRef, isWorking } from "../model/drafts";
import type { FaqList } from "../model/knowledge";

/** Kept per tab: a reload comes back to the same draft; another tab picks its own. */
export const DRAFT_KEY = "shebao-console:knowledge-draft";
const session = safeStorage("sessionStorage");

/** How often a draft being published is read again, for its progress and then its outcome. */
const PUBLISHING_POLL_MS = 1000;

export interface WorkingDraft {
  /** The draft chosen (kept in sessionStorage), or null. */
  id: string | null;
  /** It, read from the server with the intents, domains and flows it would publish; null while loading. */
  detail: DraftDetail | null;
  /** The drafts to choose from. */
  list: DraftList | null;
  error: HttpError | null;
  choose(id: string | null): void;
  reload(): Promise<void>;
  /** The draft and the list read again (after a change made elsewhere: an import). */
  refresh(): void;
  /** After an action that answered with the draft: shown at once, then read again whole, and the list too. */
  changed(draft: Draft): void;
  /**
   * The draft to write into: the chosen one while it can still be changed, else a new one titled
   * `title`, which becomes the chosen one.
   */
  ensure(title: string): Promise<ApiResult<Draft>>;
}

/** The knowledge screen's working draft: chosen, read, polled while it is being published. */
export function useWorkingDraft(call: StaffCall): WorkingDraft {
  const [id, setId] = useState<string | null>(() => session.get(DRAFT_KEY));
  const [detail, setDetail] = useState<DraftDetail | null>(null);
  const [list, setList] = useState<DraftList | null>(null);
  const [error, setError] = useState<HttpError | null>(null);
  const idRef = useRef(id);
  const detailRef = useRef(detail);
  detailRef.current = detail;
  const latest = useRef(0);

  const loadList = useCallback(async () => {
    const result = await fetchDrafts(call);
    if (result.ok) setList(result.value);
    else setError(result.error);
  }, [call]);

  const choose = useCallback((next: string | null) => {
    idRef.current = next;
    if (next) session.set(DRAFT_KEY, next);
    else session.remove(DRAFT_KEY);
    setId(next);
    setDetail((d) => (d && d.draft.id === next ? d : null));
  }, []);

  const reload = useCallback(async () => {
    const which = idRef.current;
    const request = ++latest.current;
    if (!which) return setDetail(null);
    const result = await fetchDraft(call, which);
    // A draft chosen since, or a later read, wins.
    if (request !== latest.current || which !== idRef.current) return;
    if (result.ok) {
      setDetail(result.value);
      setError(null);
    } else if (result.error.status === 404 || result.error.status === 400) {
      // Remembered from another server's data, or gone: forget it.
      choose(null);
    } else setError(result.error);
  }, [call, choose]);

  useEffect(() => {
    void loadList();
  }, [loadList]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: read again whenever another draft is chosen
  useEffect(() => {
    void reload();
  }, [id, reload]);

  // A publication runs on the server: read the draft again until it is over, then the list.
  const publishing = detail?.draft.status === "publishing";
  useEffect(() => {
    if (!publishing) return;
    const timer = setInterval(() => void reload(), PUBLISHING_POLL_MS);
    return () => {
      clearInterval(timer);
      void loadList();
    };
  }, [publishing, reload, loadList]);

  const changed = useCallback(
    (draft: Draft) => {
      setDetail((d) => (d && d.draft.id === draft.id ? { ...d, draft } : d));
      void reload();
      void loadList();
    },
    [reload, loadList],
  );

  const ensure = useCallback(
    async (title: string): Promise<ApiResult<Draft>> => {
      const current = detailRef.current;
      if (current && current.draft.id === idRef.current && isWorking(current.draft.status)) return { ok: true, value: current.draft };
      const created = await createDraft(call, title.trim() || title);
      if (!created.ok) return created;
      choose(created.value.id);
      const read = await fetchDraft(call, created.value.id);
      if (read.ok && idRef.current === created.value.id) setDetail(read.value);
      void loadList();
      return created;
    },
    [call, choose, loadList],
  );

  const refresh = useCallback(() => {
    void reload();
    void loadList();
  }, [reload, loadList]);

  return { id, detail, list, error, choose, reload, refresh, changed, ensure };
}

/** What the FAQ forms choose from, and the FAQs an editor can open. */
export interface FormCatalogue {
  intents: IntentRef[];
  intentIds: ReadonlySet<string>;
  domains: string[];
  flows: string[];
  /** The FAQs of the newest version (an FAQ the draft adds is opened from its changes). */
  faqs: FaqList["faqs"];
}

/**
 * The intents, domains and guided applications the draft would publish; with no draft yet, those
 * of the newest version (the applications its FAQs offer).
 */
export function useFormCatalogue(call: StaffCall, detail: DraftDetail | null, newestVersion: number | null): FormCatalogue {
  const [published, setPublished] = useState<FaqList | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again once a newer version is published
  useEffect(() => {
    let current = true;
    void fetchFaqs(call, {}).then((result) => {
      if (current && result.ok) setPublished(result.value);
    });
    return () => {
      current = false;
    };
  }, [call, newestVersion]);

  return useMemo(() => {
    const faqs = published?.faqs ?? [];
    const intents = detail
      ? detail.intents
      : [...new Map(faqs.map((f) => [f.intent, { id: f.intent, domain: f.domain }])).values()].sort((a, b) => a.id.localeCompare(b.id));
    const domains = detail ? detail.domains : (published?.domains ?? []);
    const flows = detail ? detail.flows : [...new Set(faqs.flatMap((f) => (f.flow ? [f.flow] : [])))].sort();
    return { intents, intentIds: new Set(intents.map((i) => i.id)), domains, flows, faqs };
  }, [detail, published]);
}
