import { describe, expect, it } from "vitest";
import { createClassifier, toTopicMatches } from "../../src/classify/classifier.js";
import { builtInTopics, topicDefinitionSchema } from "../../src/classify/topics.js";

const classifier = createClassifier(builtInTopics);

describe("classifier: topics and scores", () => {
  it("lists the topic names in definition order", () => {
    expect(classifier.topicNames).toEqual(["huawei", "tariffs", "agriculture"]);
  });

  it("scores every topic in [0,1] with at most two decimals, assigned or not", () => {
    const c = classifier.classify({
      title: "Huawei and Tariffs on the Agenda",
      body: "Negotiators will discuss Huawei. Farmers want the tariffs lifted before the harvest.",
    });
    expect(Object.keys(c.scores)).toEqual(["huawei", "tariffs", "agriculture"]);
    for (const score of Object.values(c.scores)) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(Math.round(score * 100) / 100).toBe(score);
    }
  });

  it("assigns topics in the classifier's topic order", () => {
    const c = classifier.classify({
      title: "Farmers Hurt by Tariffs Urge Deal on Huawei",
      body: "Soybean farmers said the tariffs on their crops had cost them dearly. They urged a deal that would settle the Huawei dispute, and Huawei welcomed the call.",
    });
    expect(c.topics).toEqual(["huawei", "tariffs", "agriculture"]);
  });

  it("gives unrelated news no topics and zero scores", () => {
    const c = classifier.classify({
      title: "City Opens New Library",
      body: "The library has 200,000 books and a café. It opens on Monday.",
    });
    expect(c).toEqual({ topics: [], scores: { huawei: 0, tariffs: 0, agriculture: 0 }, evidence: {} });
  });
});

describe("classifier: title weighting", () => {
  it("assigns a topic named once in the title", () => {
    const c = classifier.classify({
      title: "Huawei Reports Higher Sales",
      body: "Sales rose 20% last year.",
    });
    expect(c.topics).toEqual(["huawei"]);
  });

  it("does not assign a topic named once in the body", () => {
    const c = classifier.classify({
      title: "Chip Sales Rise",
      body: "Sales rose 20% last year. Demand from Huawei was one factor among several.",
    });
    expect(c.topics).toEqual([]);
    expect(c.scores.huawei).toBeGreaterThan(0);
  });

  it("scores a title mention higher than the same mention in the body", () => {
    const inTitle = classifier.classify({ title: "Farmers Wait", body: "Talks continue next week." });
    const inBody = classifier.classify({ title: "Waiting", body: "Farmers wait. Talks continue next week." });
    expect(inTitle.scores.agriculture).toBeGreaterThan(inBody.scores.agriculture ?? 0);
  });

  it("assigns a topic that several body sentences discuss", () => {
    const c = classifier.classify({
      title: "Talks Resume",
      body: "Negotiators will discuss Huawei first. American officials say Huawei is a security matter.",
    });
    expect(c.topics).toEqual(["huawei"]);
  });
});

describe("classifier: list mentions", () => {
  it("does not assign a company named once in a long list of companies", () => {
    const c = classifier.classify({
      title: "Exhibitors Gather in Barcelona",
      body: "Exhibitors including Samsung, Nokia, Ericsson, Huawei, Sony and Xiaomi are showing phones. The show runs for four days.",
    });
    expect(c.topics).toEqual([]);
  });

  it("counts a list mention for less than the same name outside a list", () => {
    const listed = classifier.classify({
      title: "Suppliers Named",
      body: "Suppliers include Samsung, Nokia, Huawei and Ericsson.",
    });
    const alone = classifier.classify({ title: "Suppliers Named", body: "Suppliers include Huawei." });
    expect(listed.scores.huawei).toBeLessThan(alone.scores.huawei ?? 0);
  });

  it("does not treat a pair of companies as a list", () => {
    const pair = classifier.classify({ title: "FCC Rules", body: "The FCC named Huawei and ZTE." });
    const alone = classifier.classify({ title: "FCC Rules", body: "The FCC named Huawei." });
    expect(pair.scores.huawei).toBe(alone.scores.huawei);
  });

  it("does not treat a company list in an all-caps headline as the topic", () => {
    const c = classifier.classify({
      title: "APPLE, SAMSUNG, HUAWEI, XIAOMI AND OPPO LEAD PHONE MARKET",
      body: "The five brands shipped most phones last quarter.",
    });
    expect(c.topics).toEqual([]);
  });
});

describe("classifier: aliases and descriptions", () => {
  it.each([
    ["the chip unit", "HiSilicon Struggles to Get Chips Made"],
    ["the founder", "Ren Zhengfei Gives Rare Interview"],
    ["the chief financial officer", "Meng Wanzhou Returns to China"],
  ])("assigns huawei for an alias naming %s", (_, title) => {
    expect(classifier.classify({ title, body: "More details were not given." }).topics).toEqual(["huawei"]);
  });

  it("counts a description such as 'the Shenzhen-based company' when Huawei is named elsewhere", () => {
    const withAnchor = classifier.classify({
      title: "Sales Rise",
      body: "Huawei reported results. The Shenzhen-based company said sales rose.",
    });
    expect(withAnchor.evidence.huawei).toContain("Shenzhen-based company");
  });

  it("ignores a description when Huawei is not named anywhere", () => {
    const c = classifier.classify({
      title: "Shenzhen-Based Company Reports Sales",
      body: "The Chinese telecom giant said sales rose. The Shenzhen-based company did not give details.",
    });
    expect(c.scores.huawei).toBe(0);
  });

  it("attributes a description to the other company named just before it", () => {
    const c = classifier.classify({
      title: "ZTE Profit Rises",
      body: "Huawei had a hard year. ZTE said profit rose. The Shenzhen-based company expects growth.",
    });
    expect(c.evidence.huawei ?? []).not.toContain("Shenzhen-based company");
    expect(c.topics).toEqual([]);
  });

  it("ignores a description used as an appositive for another company", () => {
    const c = classifier.classify({
      title: "Huawei Results Due",
      body: "Huawei reports on Friday. Analysts also watch the Chinese telecom giant ZTE.",
    });
    expect(c.evidence.huawei).toEqual(["Huawei"]);
  });
});

describe("classifier: spelling and case", () => {
  it("handles ALL-CAPS headlines", () => {
    const c = classifier.classify({ title: "CHINA SLAPS TARIFFS ON U.S. SOYBEANS", body: "Markets fell." });
    expect(c.topics).toEqual(["tariffs", "agriculture"]);
  });

  it("matches British spellings against American vocabulary", () => {
    const topics = createClassifier([
      topicDefinitionSchema.parse({ name: "trade-policy", terms: ["liberalization", "organization"] }),
    ]);
    const c = topics.classify({ title: "Trade Liberalisation Welcomed by Organisation", body: "" });
    expect(c.evidence["trade-policy"]).toEqual(["Liberalisation", "Organisation"]);
  });

  it("matches plural and possessive forms of a singular term", () => {
    const c = classifier.classify({ title: "Growers’ Costs Rise", body: "" });
    expect(c.evidence.agriculture).toEqual(["Growers"]);
  });

  it("matches singular forms of a plural phrase and British 'fertiliser'", () => {
    const c = classifier.classify({ title: "Fertiliser Prices Hit Farm Incomes", body: "" });
    expect(c.evidence.agriculture).toEqual(["Fertiliser", "Farm"]);
  });
});

describe("classifier: evidence", () => {
  it("gives assigned topics the matched phrases in their original casing", () => {
    const c = classifier.classify({
      title: "HUAWEI HIT BY NEW U.S. RULES",
      body: "HiSilicon, its chip unit, is affected.",
    });
    expect(c.evidence.huawei).toEqual(["HUAWEI", "HiSilicon"]);
  });

  it("lists each phrase once, case-insensitively", () => {
    const c = classifier.classify({
      title: "Huawei Sales Rise",
      body: "Huawei said sales rose. HUAWEI also hired staff.",
    });
    expect(c.evidence.huawei).toEqual(["Huawei"]);
  });

  it("keeps a percentage in front of a tariff phrase", () => {
    const c = classifier.classify({
      title: "Steel Tariffs Rise",
      body: "Washington imposed 25% tariffs on steel. The tariffs take effect on Monday.",
    });
    expect(c.evidence.tariffs).toEqual(["Tariffs", "25% tariffs"]);
  });

  it("leaves connecting words out of the evidence", () => {
    const c = classifier.classify({ title: "Duties on Chinese Steel", body: "" });
    expect(c.evidence.tariffs).toEqual(["Duties"]);
  });

  it("shows at most five phrases", () => {
    const c = classifier.classify({
      title: "Farmers, Growers and Ranchers",
      body: "Soybean, wheat, corn, sorghum and barley harvests. Dairy and poultry too.",
    });
    expect(c.evidence.agriculture).toHaveLength(5);
  });

  it("gives unassigned topics no evidence entry", () => {
    const c = classifier.classify({ title: "Markets", body: "Huawei was mentioned once." });
    expect(c.evidence).toEqual({});
  });
});

describe("classifier: mentionedTopics", () => {
  it("finds topics named in a question without a threshold", () => {
    expect(classifier.mentionedTopics("any news on soybean tariffs?")).toEqual(["tariffs", "agriculture"]);
  });

  it("finds a topic through an alias", () => {
    expect(classifier.mentionedTopics("What did Meng Wanzhou say?")).toEqual(["huawei"]);
  });

  it("finds a topic by its name", () => {
    const c = createClassifier([topicDefinitionSchema.parse({ name: "rare-earths", terms: ["neodymium"] })]);
    expect(c.mentionedTopics("latest on rare earths")).toEqual(["rare-earths"]);
  });

  it("does not count a negative context as a mention", () => {
    expect(classifier.mentionedTopics("are energy tariffs going up?")).toEqual([]);
  });
});

describe("toTopicMatches", () => {
  it("returns assigned topics strongest first with their scores and evidence", () => {
    const c = {
      topics: ["huawei", "tariffs"],
      scores: { huawei: 0.6, tariffs: 0.8, agriculture: 0.1 },
      evidence: { huawei: ["Huawei"], tariffs: ["tariffs"] },
    };
    expect(toTopicMatches(c)).toEqual([
      { topic: "tariffs", score: 0.8, evidence: ["tariffs"] },
      { topic: "huawei", score: 0.6, evidence: ["Huawei"] },
    ]);
  });
});
