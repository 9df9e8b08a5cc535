import { fail, ok, trimAnswer } from "./shared.js";
import type { SlotValidator, Validation } from "./types.js";

/** Introductions before a name. Strong ones always announce a name. */
const STRONG_INTRO = String.raw`(?:我的名字(?:是|叫)|名字(?:是|叫|[:：])|姓名(?:是|叫|[:：])?|我叫|叫做|\bmy (?:full )?name is\b|\bmy name's\b|\bname(?: is|\s*[:：]))[\s:：]*`;
/** Weak ones (本人…, 我是…) are often followed by something else (本人想申请…): a surname must follow. */
const WEAK_INTRO = String.raw`(?:本人(?:是|叫)?|我是)[\s:：]*`;
const LEADING_INTRO = new RegExp(`^(?:${STRONG_INTRO}|${WEAK_INTRO})`, "iu");
const STRONG_ANYWHERE = new RegExp(STRONG_INTRO, "iu");
const WEAK_ANYWHERE = new RegExp(WEAK_INTRO, "gu");

/**
 * Common single and compound surnames, for weak introductions only: 我是张三 names someone,
 * 我是下岗职工 does not. A whole answer to the name prompt is never held to this list.
 */
const SURNAMES = new Set(
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝阿买艾热古",
);
const COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "令狐", "司徒", "夏侯", "轩辕"];

/** Where a name ends inside a longer message: punctuation, or the next piece of information. */
const NAME_END = /[，,。;；!！?？、\n(（]|\s+(?=\d)|身份|证件|证号|手机|电话|号码|联系|今年|现在|已经|今天|昨天|性别|出生|住在|来自|单位|公司|需要|申请|办理|失业|养老|社保|想|要|的|是|在|我|\b(?:and|my|id|phone|mobile|tel|number|from|born|age|i|i'm|is)\b/iu;

const NOT_NAMES = new Set([
  "不知道", "没有", "没", "无", "你好", "您好", "不告诉你", "不想说", "保密", "匿名", "先生", "女士", "姓名", "名字", "本人", "我", "我自己",
  "测试", "是的", "不是", "不用", "谢谢", "好的", "可以", "哈哈", "unknown", "none", "no", "yes", "hello", "hi", "test", "name", "n/a", "na",
  "anonymous", "nobody", "idk", "ok", "dont know", "don't know", "not telling",
]);
/** Question words and sentence particles: 为什么 / 干嘛 is a question back, not a name. */
const NOT_NAME_PART = /[吗呢吧啊么嘛哦呀噢]|什么|怎么|不知|没有|不想/u;

const HAN_NAME = /^\p{Script=Han}{2,4}$/u;
/** Minority names joined by a middle dot: 阿依古丽·买买提. */
const DOTTED_NAME = /^\p{Script=Han}+(?:·\p{Script=Han}+)+$/u;
/** Letters, single spaces, hyphens; apostrophes too (O'Brien). */
const LATIN_NAME = /^\p{Script=Latin}+(?:[ '-]\p{Script=Latin}+)*$/u;

const retypeHint = {
  zh: "请输入您身份证上的姓名，例如“张三”。",
  en: "Please type your name as on your ID, e.g. Zhang San.",
};

/** Canonical form: NFKC, one kind of middle dot, no spaces between Han characters. */
function tidy(raw: string): string {
  return trimAnswer(raw.normalize("NFKC"))
    .replace(/(?<=\p{Script=Han})\s*[·•・‧∙.]\s*(?=\p{Script=Han})/gu, "·")
    .replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, "")
    .replace(/\s+/g, " ");
}

function mask(name: string): string {
  const chars = Array.from(name);
  return `${chars[0] ?? ""}${"*".repeat(chars.length - 1)}`;
}

function checkName(raw: string): Validation {
  const name = tidy(raw);
  if (name === "") return fail(`没有看到姓名。${retypeHint.zh}`, `I did not see a name. ${retypeHint.en}`);
  if (NOT_NAMES.has(name.toLowerCase()) || NOT_NAME_PART.test(name)) {
    return fail(`这看起来不是姓名。${retypeHint.zh}`, `That does not look like a name. ${retypeHint.en}`);
  }
  if (/\d/.test(name)) {
    return fail(
      "姓名里不能有数字，请只输入姓名（身份证号、电话稍后再问）。",
      "A name cannot contain digits; please type only your name (I will ask for numbers later).",
    );
  }
  const hasHan = /\p{Script=Han}/u.test(name);
  const hasLatin = /\p{Script=Latin}/u.test(name);
  if (hasHan && hasLatin) {
    return fail("请只用汉字或只用字母填写姓名，和证件上一致。", "Please write your name either in Chinese characters or in letters, as on your ID.");
  }
  if (hasHan) {
    const length = Array.from(name).length;
    if (HAN_NAME.test(name) || (DOTTED_NAME.test(name) && length <= 20)) return ok(name, mask(name));
    if (/^\p{Script=Han}$/u.test(name)) {
      return fail("姓名至少两个字，请输入完整姓名。", "A Chinese name has at least two characters; please type your full name.");
    }
    if (/^\p{Script=Han}+$/u.test(name)) {
      return fail(
        "姓名最多4个字；少数民族姓名请用“·”隔开，例如“阿依古丽·买买提”。",
        "A Chinese name has at most 4 characters; for minority names put a “·” between the parts, e.g. 阿依古丽·买买提.",
      );
    }
  }
  if (hasLatin && LATIN_NAME.test(name)) {
    if (name.length >= 2 && name.length <= 60) return ok(name, mask(name));
    return fail("姓名应为2到60个字母。", "A name in letters should be 2 to 60 letters long.");
  }
  return fail(
    `姓名里不能有表情或符号，请只输入汉字或字母。${retypeHint.zh}`,
    `A name cannot contain emoji or symbols; please use only letters or Chinese characters. ${retypeHint.en}`,
  );
}

/** The name part of what follows an introduction: up to punctuation or the next piece of information. */
function cut(rest: string): string {
  const end = NAME_END.exec(rest);
  return end ? rest.slice(0, end.index) : rest;
}

function hasSurname(name: string): boolean {
  return SURNAMES.has(name[0] ?? "") || COMPOUND_SURNAMES.some((s) => name.startsWith(s));
}

/** Person name: 2-4 Han characters, a dotted minority name, or a name in letters; shown as 张**. */
export function personName(): SlotValidator {
  return {
    kind: "person_name",
    sensitive: true,
    validate(answer) {
      // The answer to "what is your name?" may still say 我叫… or 我是…, and may run on (张三，身份证…).
      const text = answer.normalize("NFKC").trim();
      const intro = LEADING_INTRO.exec(text);
      return checkName(cut(intro ? text.slice(intro[0].length) : text));
    },
    extract(message) {
      const text = message.normalize("NFKC");
      // After 我叫 something was meant as a name, so say what is wrong with it rather than nothing.
      const strong = STRONG_ANYWHERE.exec(text);
      if (strong) return checkName(cut(text.slice(strong.index + strong[0].length)));
      for (const m of text.matchAll(WEAK_ANYWHERE)) {
        const candidate = tidy(cut(text.slice(m.index + m[0].length)));
        const result = checkName(candidate);
        if (result.ok && (hasSurname(candidate) || candidate.includes("·"))) return result;
      }
      return undefined;
    },
  };
}
