import { describe, expect, it } from "vitest";
import { createClassifier } from "../../src/classify/classifier.js";
import { builtInTopics, topicDefinitionSchema } from "../../src/classify/topics.js";

const classifier = createClassifier(builtInTopics);
const topicsOf = (title: string, body = "") => classifier.classify({ title, body }).topics;

describe("negative contexts: other senses of tariff and duty", () => {
  it.each([
    ["an energy tariff", "Energy Tariffs Rise Again", "Suppliers blamed wholesale prices."],
    ["an electricity tariff", "Electricity Tariffs Frozen", "Households will pay the same next year."],
    [
      "electricity tariffs set by a regulator",
      "Regulator Decides",
      "The electricity regulator left tariffs for homes unchanged. The electricity regulator kept tariffs flat for shops too.",
    ],
    ["a gas and electricity tariff", "Gas and Electricity Tariffs Climb", "Bills rise in April."],
    ["a mobile-phone plan", "Operators Raise Mobile Tariffs", "Prepaid tariffs rose 20%."],
    ["a roaming tariff", "Roaming Tariffs Cut for Travellers", "Calls abroad will cost less."],
    [
      "a feed-in tariff",
      "Feed-in Tariff Scheme Closes",
      "The feed-in tariff paid households for solar power.",
    ],
    ["a hotel tariff", "Hotel Tariffs Soar for Festival", "Room tariffs doubled this week."],
    ["a taxi tariff", "Taxi Tariffs Rise at Night", "Taxi drivers will charge a new tariff after 10pm."],
    ["stamp duty", "Stamp Duty Cut Lifts Home Sales", "Buyers save on stamp duty until March."],
    [
      "an official's duties",
      "Minister Steps Down",
      "She said she could no longer carry out her duties. Her duties pass to a deputy.",
    ],
  ])("does not assign tariffs for %s", (_, title, body) => {
    expect(topicsOf(title, body)).not.toContain("tariffs");
  });

  it("assigns tariffs for the trade sense of the same words", () => {
    expect(topicsOf("Steel Tariffs Rise Again", "Importers blamed Washington.")).toContain("tariffs");
  });

  it("assigns tariffs for tariffs on mobile phones", () => {
    expect(topicsOf("Washington Puts Tariffs on Mobile Phones", "Phones from China cost more.")).toContain(
      "tariffs",
    );
  });

  it("cancels only the overlapping match, not the article", () => {
    const c = classifier.classify({
      title: "Energy Tariffs Climb as Washington Raises Tariffs on Steel",
      body: "Households face higher bills.",
    });
    expect(c.topics).toEqual(["tariffs"]);
    expect(c.evidence.tariffs).toEqual(["Tariffs"]);
    expect(c.scores.tariffs).toBeLessThan(
      classifier.classify({ title: "Tariffs Climb as Washington Raises Tariffs on Steel", body: "" }).scores
        .tariffs ?? 0,
    );
  });
});

describe("negative contexts: farm metaphors", () => {
  it.each([
    ["seed funding", "Startup Raises Seed Funding", "The seed funding will pay for hiring."],
    ["a seed round", "Robotics Firm Closes Seed Round", "The seed round was led by a Singapore fund."],
    ["a top seed", "Top Seed Knocked Out", "The second seed also lost."],
    [
      "pork-barrel spending",
      "Pork-Barrel Projects Fill Budget Bill",
      "Critics counted $15 billion of pork-barrel projects.",
    ],
    ["harvesting data", "App Accused of Harvesting Data", "It was harvesting personal data without consent."],
    ["a cash cow", "Cloud Unit Is the New Cash Cow", "The cash cow funds riskier bets."],
    ["a bumper crop of IPOs", "A Bumper Crop of IPOs", "Hong Kong hosted a bumper crop of listings."],
    ["grassroots", "Grassroots Campaign Wins Bike Lanes", "The grass-roots group gathered signatures."],
    ["farming out work", "Retailer to Farm Out Deliveries", "It will farm out deliveries to gig workers."],
    ["a server farm", "Server Farm Planned in Sweden", "The server farm will use hydroelectric power."],
    ["a wind farm", "Wind Farm Approved Off the Coast", "The wind farm will power 500,000 homes."],
    ["beefing up", "Banks Beef Up Security", "Banks beef up their cyber defences."],
  ])("does not assign agriculture for %s", (_, title, body) => {
    expect(topicsOf(title, body)).not.toContain("agriculture");
  });

  it("assigns agriculture for the farm sense of the same words", () => {
    expect(topicsOf("Seed Prices Rise for Farmers", "Farmers pay more for seed and fertiliser.")).toContain(
      "agriculture",
    );
  });

  it("assigns agriculture for a bumper crop of soybeans", () => {
    expect(topicsOf("A Bumper Crop of Soybeans", "Growers expect record yields.")).toContain("agriculture");
  });
});

describe("negative contexts: names that are not the topic", () => {
  it("does not assign huawei for ZTE news described as a Shenzhen-based telecom maker", () => {
    expect(
      topicsOf(
        "ZTE Returns to Profit",
        "ZTE reported a profit. The Shenzhen-based telecom equipment maker paid a fine. Its larger rival Huawei faced similar accusations.",
      ),
    ).toEqual([]);
  });

  it("does not assign huawei for 'Huawei rival' naming another company", () => {
    expect(topicsOf("Huawei Rival Ericsson Wins UK Contract", "Ericsson will supply 5G equipment.")).toEqual(
      [],
    );
  });

  it("does not assign huawei for Xiaomi news comparing it with Huawei once", () => {
    expect(
      topicsOf(
        "Xiaomi Shipments Jump",
        "Xiaomi shipped more phones. The Beijing-based company gained share as Huawei lost Google services.",
      ),
    ).toEqual([]);
  });
});

describe("negative contexts: mechanics", () => {
  const topic = (negatives: unknown[]) =>
    createClassifier([topicDefinitionSchema.parse({ name: "fruit", terms: ["apple"], negatives })]);

  it("cancels a match a window-negative precedes within its window", () => {
    const c = topic([{ phrase: "computer", window: 2 }]).classify({
      title: "Computer maker Apple",
      body: "",
    });
    expect(c.scores.fruit).toBe(0);
  });

  it("keeps a match beyond a window-negative's window", () => {
    const c = topic([{ phrase: "computer", window: 1 }]).classify({
      title: "Computer maker Apple",
      body: "",
    });
    expect(c.topics).toEqual(["fruit"]);
  });

  it("keeps a match a window-negative reaches only across a sentence end", () => {
    const c = topic([{ phrase: "computer", window: 3 }]).classify({
      title: "Apple",
      body: "Apple. Computer sales.",
    });
    expect(c.scores.fruit).toBeGreaterThan(0);
  });

  it("lets '*' in a negative stand for up to three words", () => {
    const negative = topic(["apple * pie"]);
    expect(negative.classify({ title: "Apple and cinnamon pie", body: "" }).scores.fruit).toBe(0);
    expect(negative.classify({ title: "Apple pie", body: "" }).scores.fruit).toBe(0);
    expect(negative.classify({ title: "Apple sales rise on cinnamon pie demand", body: "" }).topics).toEqual([
      "fruit",
    ]);
  });
});
