export { DEMO_CITIZEN_LIST, DEMO_CITIZENS, type DemoCitizen, type DemoCitizenRole } from "./citizens.js";
export { applicationDay } from "./application-numbers.js";
export type { BackOfficeOptions } from "./back-office.js";
export { createDemoRecords, type DemoRecordsOptions } from "./demo-records.js";
// mongo-demo-records.ts is imported by openDemoRecords only when asked for: an embedded start never loads mongoose.
export { openDemoRecords } from "./open-demo-records.js";
export { DEFAULT_TRANSITIONS, type DemoTransitions, TERMINAL_STATUSES } from "./transitions.js";
export { DEMO_RECORDS_SEALED_COLUMNS } from "./sealed-columns.js";
