import { type ApiResult, readAnswer } from "../../../lib/http";
import type { StaffCall } from "../../../lib/staff-call";
import {
  type FaqDetail,
  type FaqList,
  type FaqStatus,
  faqQueryString,
  type GuardQuestion,
  parseChanges,
  parseFaqDetail,
  parseFaqList,
  parseGuard,
  parseVersionList,
  type VersionChanges,
  type VersionList,
} from "../model/knowledge";

export async function fetchFaqs(call: StaffCall, filter: { q?: string; domain?: string; status?: FaqStatus | "" }): Promise<ApiResult<FaqList>> {
  return readAnswer(await call("GET", `/api/v1/knowledge/faqs${faqQueryString(filter)}`), parseFaqList);
}

export async function fetchFaq(call: StaffCall, id: string): Promise<ApiResult<FaqDetail>> {
  return readAnswer(await call("GET", `/api/v1/knowledge/faqs/${encodeURIComponent(id)}`), parseFaqDetail);
}

export async function fetchVersions(call: StaffCall): Promise<ApiResult<VersionList>> {
  return readAnswer(await call("GET", "/api/v1/knowledge/versions"), parseVersionList);
}

export async function fetchChanges(call: StaffCall, version: number): Promise<ApiResult<VersionChanges>> {
  return readAnswer(await call("GET", `/api/v1/knowledge/versions/${version}/changes`), parseChanges);
}

export async function rollBack(call: StaffCall, version: number, note: string): Promise<ApiResult<true>> {
  return readAnswer(await call("POST", `/api/v1/knowledge/versions/${version}/rollback`, note ? { note } : {}), () => true);
}

export async function fetchGuard(call: StaffCall): Promise<ApiResult<GuardQuestion[]>> {
  return readAnswer(await call("GET", "/api/v1/knowledge/regression"), parseGuard);
}

export async function addGuard(call: StaffCall, text: string, intent: string): Promise<ApiResult<true>> {
  return readAnswer(await call("POST", "/api/v1/knowledge/regression", { text, intent }), () => true);
}

export async function removeGuard(call: StaffCall, text: string): Promise<ApiResult<true>> {
  return readAnswer(await call("DELETE", "/api/v1/knowledge/regression", { text }), () => true);
}
