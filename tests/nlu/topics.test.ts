import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { TopicIndex, TopicsSchema, unknownTopicIntents } from "../../src/nlu/topics.js";
import { nluPaths, realNlu } from "../testing/nlu.js";

describe("topic menus", () => {
  it("name only intents the committed knowledge base has (a typo in bot/topics.yaml shows here)", () => {
    const topics = TopicsSchema.parse(parse(readFileSync(nluPaths.topicsFile, "utf8")));
    expect(unknownTopicIntents(topics, new Set(realNlu().kb.intents.map((i) => i.id)))).toEqual({});
  });

  it("offer only the intents a version has: a retired one drops out, and a topic left with one is no menu", () => {
    const topics = { topics: { card: { phrases: ["社保卡"], intents: ["card.lost", "card.apply", "card.retired"] }, pension: { phrases: ["养老"], intents: ["pension.a", "pension.b"] } } };
    const index = new TopicIndex(topics, new Set(["card.lost", "card.apply", "pension.a"]));
    expect(index.match("社保卡")).toEqual({ id: "card", intents: ["card.lost", "card.apply"] });
    expect(index.match("养老")).toBeUndefined();
    expect(unknownTopicIntents(topics, new Set(["card.lost", "card.apply", "pension.a"]))).toEqual({ card: ["card.retired"], pension: ["pension.b"] });
  });
});
