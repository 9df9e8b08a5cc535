/**
 * The port to the bureau's back office: citizen records and applications. A real bureau
 * implements it over its HTTP APIs; `demo/` implements it with seeded, clearly fake citizens.
 */

export type ApplicationKind =
  | "unemployment.apply"
  | "card.lost"
  | "card.replace"
  | "certificate.participation"
  | "medical.offsite.filing"
  | "pension.transfer";

import type { ApplicationStatus } from "../domain/application.js";

export type { ApplicationStatus };

export interface TimelineEntry {
  status: ApplicationStatus;
  at: string;
  /** Plain words for the citizen, e.g. 已受理，等待审核 / Accepted, waiting for review. */
  note: { zh: string; en: string };
}

export interface Application {
  /** SQ + yyyymmdd + 6 digits, e.g. SQ20261128000123. */
  number: string;
  kind: ApplicationKind;
  /** 18-digit resident ID of the applicant. */
  idNumber: string;
  status: ApplicationStatus;
  createdAt: string;
  updatedAt: string;
  timeline: TimelineEntry[];
  /** The values the citizen gave (canonical, unmasked); the adapter stores them protected. */
  values: Record<string, string>;
  /** Set on certificate applications: the code third parties check at /verify. */
  verificationCode?: string;
}

export interface ContributionYear {
  year: number;
  pensionMonths: number;
  medicalMonths: number;
  unemploymentMonths: number;
  /** Monthly contribution base, yuan. */
  base: number;
  /** City where contributions were paid. */
  city: string;
}

export interface CitizenRecord {
  idNumber: string;
  name: string;
  mobile: string;
  /** Insured in this region. */
  insured: boolean;
  receivingPension: boolean;
  cardStatus: "active" | "reported_lost" | "replacing" | "none";
  contributions: ContributionYear[];
}

export interface StatusChange {
  application: Application;
  previous: ApplicationStatus;
}

export interface RecordsPort {
  /** The citizen with this ID number, or undefined when the back office has no record. */
  findCitizen(idNumber: string): Promise<CitizenRecord | undefined>;
  /** Freezes the card at once (挂失); idempotent. */
  reportCardLost(idNumber: string, at: Date): Promise<CitizenRecord>;
  /** Files an application; returns it with its number and first timeline entry. */
  submitApplication(input: {
    kind: ApplicationKind;
    idNumber: string;
    values: Record<string, string>;
    status: ApplicationStatus;
    note: { zh: string; en: string };
    at: Date;
  }): Promise<Application>;
  getApplication(number: string): Promise<Application | undefined>;
  listApplications(idNumber: string): Promise<Application[]>;
  /** A staff action (or the demo's scheduled step): moves an application on and records why. */
  updateStatus(number: string, status: ApplicationStatus, note: { zh: string; en: string }, at: Date): Promise<Application>;
  /** The certificate application with this verification code, for /verify. */
  findByVerificationCode(code: string): Promise<Application | undefined>;
  /** Called on every status change, for telling a connected citizen. Returns an unsubscribe. */
  onStatusChange(listener: (change: StatusChange) => void): () => void;
  close(): Promise<void>;
}
