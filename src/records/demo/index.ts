export { DEMO_CITIZEN_LIST, DEMO_CITIZENS, type DemoCitizen, type DemoCitizenRole } from "./citizens.js";
export { applicationDay, createDemoRecords, type DemoRecordsOptions } from "./demo-records.js";
export { DEFAULT_TRANSITIONS, type DemoTransitions, TERMINAL_STATUSES } from "./transitions.js";
export { DEMO_RECORDS_SEALED_COLUMNS } from "./sealed-columns.js";
