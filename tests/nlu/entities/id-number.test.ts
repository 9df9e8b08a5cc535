import { describe, expect, it } from "vitest";
import { extractEntities } from "../../../src/nlu/entities/index.js";
import { checkIdNumber, idCheckChar } from "../../../src/nlu/entities/id-number.js";

const today = new Date("2026-11-28T00:00:00Z");

describe("resident ID numbers (GB 11643)", () => {
  it("accepts the standard's own example and reads birth date and gender", () => {
    const r = checkIdNumber("11010519491231002X", today);
    expect(r).toMatchObject({ valid: true, birthDate: "1949-12-31", gender: "female" });
  });

  it("accepts a lower-case x check character", () => {
    expect(checkIdNumber("11010519491231002x", today).valid).toBe(true);
  });

  it("rejects a wrong check digit", () => {
    expect(checkIdNumber("110105194912310021", today)).toEqual({ valid: false, problem: "check_digit" });
  });

  it("rejects impossible birth dates: 30 February, month 13, in the future", () => {
    for (const body of ["11010519490230002", "11010519491331002", "11010520301231002"]) {
      const id = body + idCheckChar(body); // right check digit, so only the date is wrong
      expect(checkIdNumber(id, today)).toEqual({ valid: false, problem: "birth_date" });
    }
  });

  it("reads 15-digit legacy numbers as 19xx births and upgrades them to 18 digits", () => {
    const r = checkIdNumber("110105491231002", today);
    expect(r).toMatchObject({ valid: true, birthDate: "1949-12-31", normalised: "11010519491231002X" });
    expect(checkIdNumber("110105490231002", today)).toMatchObject({ valid: false, problem: "birth_date" });
  });

  it("rejects wrong lengths, letters and impossible regions", () => {
    expect(checkIdNumber("1101051949123100", today).problem).toBe("format");
    expect(checkIdNumber("11010519491231A02X", today).problem).toBe("format");
    const body = "91010519491231002";
    expect(checkIdNumber(body + idCheckChar(body), today).problem).toBe("region");
  });

  it("finds ID numbers inside a message, flagging an invalid one instead of dropping it", () => {
    const entities = extractEntities("我身份证是11010519491231002X，我妈的是110105194912310021", today);
    expect(entities.filter((e) => e.type === "id_number")).toEqual([
      { type: "id_number", value: "11010519491231002X", valid: true, birthDate: "1949-12-31" },
      { type: "id_number", value: "110105194912310021", valid: false, problem: "check_digit" },
    ]);
  });

  it("finds ID numbers however written: grouped, full-width, glued to words, 15 digits", () => {
    const ids = (text: string) => extractEntities(text, today).filter((e) => e.type === "id_number");
    expect(ids("440304 19750615 0029")).toEqual([{ type: "id_number", value: "440304197506150029", valid: true, birthDate: "1975-06-15" }]);
    expect(ids("IDNO370202197001010032")).toEqual([{ type: "id_number", value: "370202197001010032", valid: true, birthDate: "1970-01-01" }]);
    expect(ids("身份证１１０１０５１９４９１２３１００２ｘ")).toMatchObject([{ value: "11010519491231002X", valid: true }]);
    expect(ids("110105.491231.002")).toMatchObject([{ value: "110105491231002", valid: true, birthDate: "1949-12-31" }]);
    // A wrong check digit is flagged when written plainly; in a loose shape it is not taken for an ID.
    expect(ids("110105194912310021")).toMatchObject([{ valid: false, problem: "check_digit" }]);
    expect(ids("IDNO370202197001010033")).toEqual([]);
  });

  it("does not read the birth date inside a grouped ID number as a date the citizen mentioned", () => {
    const entities = extractEntities("身份证 440304 19750615 0029，上个月离职", today);
    expect(entities.filter((e) => e.type === "date").map((e) => e.text)).toEqual(["上个月"]);
  });
});
