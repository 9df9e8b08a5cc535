import { describe, expect, it } from "vitest";
import {
  bankCard,
  choice,
  date,
  idNumber,
  mobile,
  personName,
  region,
  SEPARATION_REASONS,
  type SlotValidator,
} from "../../../src/dialog/validators/index.js";

const ctx = { now: new Date("2026-11-28T04:00:00Z"), locale: "zh" as const };

/** What each validator finds in one message, as the flow runner asks them all. */
function extractAll(message: string, validators: Record<string, SlotValidator>) {
  const found: Record<string, string | undefined> = {};
  for (const [slot, v] of Object.entries(validators)) {
    const r = v.extract(message, ctx);
    found[slot] = r?.ok ? r.value : undefined;
  }
  return found;
}

const validators = {
  name: personName(),
  idNumber: idNumber(),
  mobile: mobile(),
  separationDate: date({ notFuture: true }),
  reason: choice(SEPARATION_REASONS),
  bankCard: bankCard(),
  city: region(),
};

describe("several slots in one message", () => {
  it("finds name, ID and phone, and nothing else", () => {
    expect(extractAll("我叫张三，身份证11010519491231002X，手机13812345678", validators)).toEqual({
      name: "张三",
      idNumber: "11010519491231002X",
      mobile: "13812345678",
      separationDate: undefined,
      reason: undefined,
      bankCard: undefined,
      city: undefined,
    });
  });

  it("finds the unemployment details of a longer message", () => {
    const message = "本人李娜，上个月被公司辞退了，在深圳，工资卡6222 0212 3456 7890 128";
    expect(extractAll(message, validators)).toEqual({
      name: "李娜",
      idNumber: undefined,
      mobile: undefined,
      separationDate: "2026-10-01",
      reason: "dismissed",
      bankCard: "6222021234567890128",
      city: "深圳市",
    });
  });

  it("reads an English message", () => {
    const found = extractAll("My name is John Smith, phone +86 139 8765 4321, I was laid off 3 days ago in Shanghai", validators);
    expect(found).toMatchObject({ name: "John Smith", mobile: "13987654321", separationDate: "2026-11-25", reason: "dismissed", city: "上海市" });
  });

  it("keeps sensitive values masked in what is shown back", () => {
    const shown = ["我叫张三", "11010519491231002X", "13812345678", "6222021234567890128"].map((m, i) => {
      const v = [validators.name, validators.idNumber, validators.mobile, validators.bankCard][i] as SlotValidator;
      const r = v.validate(m, ctx);
      return r.ok ? r.display : "";
    });
    expect(shown).toEqual(["张*", "1101**********002X", "138****5678", "6222***********0128"]);
  });
});
