import type { FlowStep } from "../../src/dialog/flows/types.js";
import { idNumber, mobile, personName } from "../../src/dialog/validators/index.js";

/** Steps most applications share, so every flow asks them the same way. */
export const nameStep: FlowStep = {
  slot: "name",
  label: { zh: "姓名", en: "Name" },
  prompt: { zh: "请问您的姓名是？", en: "What is your full name?" },
  validator: personName(),
  aliases: ["姓名", "名字", "叫", "name"],
};

export const idStep: FlowStep = {
  slot: "idNumber",
  label: { zh: "身份证号", en: "ID number" },
  prompt: {
    zh: "请输入您的18位居民身份证号码（只用于本次办理，会加密保存）。",
    en: "Please enter your 18-digit resident ID number (used only for this application and stored encrypted).",
  },
  validator: idNumber(),
  aliases: ["身份证", "身份证号", "证件号", "id number", "id"],
};

export const mobileStep: FlowStep = {
  slot: "mobile",
  label: { zh: "手机号", en: "Mobile number" },
  prompt: { zh: "请留一个能联系到您的手机号码。", en: "Which mobile number can we reach you on?" },
  validator: mobile(),
  aliases: ["手机号", "手机", "电话", "联系方式", "phone", "mobile"],
};
