/** Where an application stands in the records system; the citizen is told of each change. */
export type ApplicationStatus = "submitted" | "accepted" | "under_review" | "approved" | "rejected" | "completed" | "not_eligible";
