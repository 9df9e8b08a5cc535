import type { RecordsPort } from "../ports.js";
import type { BackOfficeOptions } from "./back-office.js";
import { createDemoRecords } from "./demo-records.js";

/**
 * The demo back office where the desk keeps its own records: in its MongoDB when it runs on one
 * (MONGODB_URI; mongoose is loaded only then), otherwise in the SQLite file `file`.
 */
export async function openDemoRecords(
  options: BackOfficeOptions & { file: string; mongodbUri?: string | undefined },
): Promise<RecordsPort> {
  const { file, mongodbUri, ...backOffice } = options;
  if (mongodbUri) {
    const { createMongoDemoRecords } = await import("./mongo-demo-records.js");
    return createMongoDemoRecords({ uri: mongodbUri, ...backOffice });
  }
  return createDemoRecords({ file, ...backOffice });
}
